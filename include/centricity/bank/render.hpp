#pragma once

// Renderings of a bank: a printable markdown questionnaire (`show`) and the
// fully resolved bank as JSON (`show --to json`).

#include <centricity/bank/model.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

namespace centricity::bank {

// The bank as a questionnaire a facilitator can print and run a workshop
// from: sections per dimension, numbered questions with their scale options,
// the ladders and their stage rules, and the recommendations.
void render_markdown(const Questionnaire& bank, std::ostream& out);

// The resolved bank (includes expanded, defaults filled) as JSON.
[[nodiscard]] nlohmann::ordered_json to_json(const Questionnaire& bank);

} // namespace centricity::bank
