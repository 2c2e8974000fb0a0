// Whom a post accepts (world/hiring.cpp asks for each seeker it reaches in key order): a mine
// post along the occupation network, with commuting, a local hiring rule and the hiring bias by
// gender; an ASM site by the women's share of its roles; every post above the reservation wage.
// Each answer depends only on the post and on the seeker's own columns and draws (one per person
// and month), never on which posts were filled before: hiring.cpp lists seekers in parallel on
// that ground.
#include "core/rng.h"
#include "world/labour_phases.h"

namespace minesim::labour {

namespace {

// Whether a mine post can take the person: the occupation network (a move to an unrelated
// occupation needs training), certification for technical roles, commuting, a local hiring rule
// and the hiring bias by gender (one draw per person and month each).
bool accepted_by_mine(const World& w, Draws d, std::uint32_t id, std::uint32_t post,
                      double commute_weight) {
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  const LabourParams& lp = w.scenario->labour;  // occupation network
  const std::uint8_t occ = posts.occupation[post];
  const std::uint8_t from = p.occupation[id];
  if (occ == idx(Occupation::kTechnical)) {
    // Technical and remote-operations roles: graduates (high skill) or certified workers; under
    // a local hiring rule the mine certifies locals it trains on the job.
    const bool on_job = w.levers.local_hiring_share[posts.owner[post]] > 0 &&
                        p.origin[id] == static_cast<std::uint8_t>(Origin8::kLocal);
    if (!p.certified[id] && p.skill[id] != idx(Skill::kHigh) && !on_job) return false;
  } else if (from == kNoOccupation) {
    if (!lp.entry[occ]) return false;
  } else if (from != occ && !lp.related[from][occ]) {
    return false;
  }
  if (commute_weight < 1.0) {
    rng::Stream r(d.seed, rng::Purpose::kCommute, id, d.month);
    if (!r.bernoulli(commute_weight)) return false;
  }
  // A local hiring rule passes over candidates from outside the region.
  const double local_rule = w.levers.local_hiring_share[posts.owner[post]];
  if (local_rule > 0 && p.origin[id] != static_cast<std::uint8_t>(Origin8::kLocal)) {
    rng::Stream r(d.seed, rng::Purpose::kHiringBias, id,
                  rng::sub(d.month, rng::MonthSub::kLocalHiringRule));
    if (r.bernoulli(local_rule)) return false;
  }
  if (p.gender[id] != idx(Gender::kFemale)) return true;
  rng::Stream r(d.seed, rng::Purpose::kHiringBias, id, d.month);
  return r.bernoulli(w.levers.female_acceptance[occ]);
}

// ASM roles by gender: processing is done mostly by women, digging and pit management mostly by
// men. The other gender is taken with the probability that gives those shares among equal
// candidates. A site (country) may set its own women's share of each role (negative: unset).
double asm_female_share(const World& w, std::uint32_t site, std::uint8_t role) {
  const AsmParams& a = w.scenario->asm_params;
  const AsmSiteParams& own = w.scenario->asm_sites[site];
  const auto pick = [](double site_value, double asm_value) {
    return site_value >= 0 ? site_value : asm_value;
  };
  switch (static_cast<AsmRole>(role)) {
    case AsmRole::kProcessing: return pick(own.processing_share_female, a.processing_share_female);
    case AsmRole::kManaging: return pick(own.managing_share_female, a.managing_share_female);
    case AsmRole::kDigging: break;
  }
  return pick(own.digging_share_female, a.digging_share_female);
}

bool accepted_by_asm(const World& w, Draws d, std::uint32_t id, std::uint32_t site,
                     std::uint8_t role) {
  const double f = asm_female_share(w, site, role);
  const bool female = w.persons.gender[id] == idx(Gender::kFemale);
  double accept = 1.0;
  if (f >= 0.5 && !female) accept = (1.0 - f) / f;
  if (f < 0.5 && female) accept = f / (1.0 - f);
  if (accept >= 1.0) return true;
  rng::Stream r(d.seed, rng::Purpose::kHiringBias, id, rng::sub(d.month, rng::MonthSub::kAsmRole));
  return r.bernoulli(accept);
}

}  // namespace

bool takes(const World& w, Draws d, std::uint32_t k, std::uint32_t id, double weight,
           bool trained_on_job) {
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  if (posts.sector[k] == idx(Sector::kMine) && !accepted_by_mine(w, d, id, k, weight)) return false;
  if (trained_on_job && p.origin[id] != static_cast<std::uint8_t>(Origin8::kLocal)) return false;
  if (posts.sector[k] == idx(Sector::kAsm) &&
      !accepted_by_asm(w, d, id, posts.owner[k], posts.occupation[k]))
    return false;
  // Reservation wage: nobody leaves farming or informal work for less than it pays.
  return p.job[id] == kNoJob || posts.net_wage[k] > posts.net_wage[p.job[id]];
}

}  // namespace minesim::labour
