#include "app/checkpointing.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "core/errors.h"

namespace minesim {

Month parse_checkpoint_date(const std::string& text, const std::string& option) {
  const auto bad = [&] {
    return UsageError(fmt::format("{} {}: expected a month as YYYY-MM or YYYY-MM-01", option,
                                  text.empty() ? "''" : text));
  };
  if (text.size() != 7 && !(text.size() == 10 && text.substr(7) == "-01")) throw bad();
  int y = 0, m = 0;
  const char* p = text.data();
  if (text[4] != '-' || std::from_chars(p, p + 4, y).ptr != p + 4 ||
      std::from_chars(p + 5, p + 7, m).ptr != p + 7 || y < 1 || m < 1 || m > 12)
    throw bad();
  return Month{y, m};
}

Checkpointer::Checkpointer(const CheckpointRequest& req, const Scenario& s, CheckpointMeta base)
    : active_(req.any()), every_(req.every), base_(std::move(base)) {
  if (req.every < 0)
    throw UsageError(
        fmt::format("--checkpoint-every {}: expected a number of months >= 1", req.every));
  const Month first = s.simulation.start, last = first.plus(s.simulation.months - 1);
  for (const std::string& text : req.at) {
    const Month m = parse_checkpoint_date(text, "--checkpoint-at");
    if (m < first || last < m)
      throw UsageError(fmt::format(
          "--checkpoint-at {}: not a recorded month of this run ({} to {}); a checkpoint holds "
          "the state at the end of a recorded month",
          text, first.iso().substr(0, 7), last.iso().substr(0, 7)));
    at_.insert(m.index());
  }
}

void Checkpointer::after_month(const World& w, const Indicators& ind) {
  if (!active_) return;
  rec_.add(ind);
  const bool due = at_.count(w.month().index()) > 0 || (every_ > 0 && rec_.months % every_ == 0);
  if (due) write_now(w, w.step + 1);  // simulate() moves to the next step after this
}

std::string Checkpointer::write_now(const World& w, int next_step) {
  CheckpointMeta m = base_;
  const auto& sim = w.scenario->simulation;
  m.last_month = sim.start.plus(next_step - 1 - sim.spinup_months);
  m.step = next_step;
  m.persons = static_cast<std::int64_t>(w.persons.size());
  m.recorded_months = rec_.months;
  const std::string path = checkpoint_path(m.output, m.last_month);
  const auto t0 = std::chrono::steady_clock::now();
  write_checkpoint(path, w, rec_, m);
  if (!quiet) {
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    std::cerr << fmt::format("minesim: checkpoint {} ({:.1f} MB in {:.2f} s)\n", path,
                             ec ? 0.0 : static_cast<double>(bytes) / 1e6, secs);
  }
  return path;
}

}  // namespace minesim
