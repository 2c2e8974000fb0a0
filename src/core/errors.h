#pragma once
// Error types that carry an exit status. Scenario errors live in scenario/diagnostics.h.
#include <stdexcept>
#include <string>

#include "core/exit_codes.h"

namespace minesim {

class Error : public std::runtime_error {
 public:
  Error(int exit_status, const std::string& what)
      : std::runtime_error(what), exit_status_(exit_status) {}
  int exit_status() const { return exit_status_; }

 private:
  int exit_status_;
};

// A broken model invariant (stock-flow residual, population accounting): always a bug.
struct InvariantError : Error {
  explicit InvariantError(const std::string& what) : Error(exit_code::kInternal, what) {}
};
struct IoError : Error {
  explicit IoError(const std::string& what) : Error(exit_code::kIoError, what) {}
};
// A request the inputs cannot satisfy (a plan whose members differ in their axes): exit status 2.
struct UsageError : Error {
  explicit UsageError(const std::string& what) : Error(exit_code::kUsage, what) {}
};
struct CannotCreateError : Error {
  explicit CannotCreateError(const std::string& what) : Error(exit_code::kCannotCreate, what) {}
};

}  // namespace minesim
