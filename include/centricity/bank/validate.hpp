#pragma once

// Semantic checks on a loaded bank: references, ranges, reachability. The
// loader runs these; they are separate so tests can run them on hand-built
// models.

#include <centricity/bank/model.hpp>
#include <centricity/util/diagnostics.hpp>

namespace centricity::bank {

// Adds an error or warning to `out` for every problem in `bank`: duplicate
// ids, dangling references, empty scales, thresholds outside 0-100, stage
// criteria that can never be met, recommendations that point nowhere, a
// dimension with a single question (warning), score bands no recommendation
// covers (warning).
void validate(const Questionnaire& bank, util::Diagnostics& out);

} // namespace centricity::bank
