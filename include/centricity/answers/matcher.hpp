#pragma once

// Turning the text or number a respondent gave into an option of a scale:
// labels and aliases compare through util::fold_label, and survey platforms'
// numbered forms ("5 - Strongly agree", "5. Strongly agree", "Strongly agree
// (5)") are accepted when the number agrees with the option.

#include <centricity/bank/model.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace centricity::answers {

// The outcome of matching one answer against a scale: the option index, or
// an error message saying why nothing matched (with a did-you-mean).
struct Match {
  std::optional<std::size_t> option;
  std::string error;
};

// Matches answers to the options of one scale. Built once per scale; matching
// allocates only for the folded copy of the text.
class OptionMatcher {
public:
  explicit OptionMatcher(const bank::Scale& scale);

  // The option whose label or alias equals `text` after folding, else the
  // numbered form of one ("5 - Strongly agree", "Strongly agree (5)") whose
  // number is the option's value or its 1-based position among the value
  // options, else a value option whose value is the number `text` spells.
  [[nodiscard]] Match match_text(std::string_view text) const;
  // The value option whose value equals `value` (exactly, or within 1e-9).
  [[nodiscard]] Match match_value(double value) const;

private:
  [[nodiscard]] std::optional<std::size_t> match_numbered(std::string_view folded) const;
  [[nodiscard]] bool number_fits(std::size_t option, double number) const;

  const bank::Scale* m_scale;
  std::unordered_map<std::string, std::size_t> m_labels; // folded label/alias -> option
  std::vector<std::string> m_label_list;                 // for did-you-mean
};

} // namespace centricity::answers
