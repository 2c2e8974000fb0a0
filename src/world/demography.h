#pragma once
#include "core/rng.h"
#include "world/world.h"

namespace minesim {
// Skill (from the community's skill shares), education and labour-market participation of a
// person created at the start or born, in that order of draws from `r`; gender must be set.
void draw_person_traits(Persons& p, std::uint32_t i, rng::Stream& r, const CommunityParams& cp,
                        const LabourParams& labour);

// Deaths, births, young adults leaving home, internal migration toward job prospects, out-migration
// of unemployed seekers and in-migration into last month's unfilled vacancies. New persons and
// households are appended in an order fixed by block and community, never by thread.
void run_demography(World& w);
}  // namespace minesim
