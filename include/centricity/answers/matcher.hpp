#pragma once

// Turning the text or number a respondent gave into an option of a scale:
// labels and aliases compare through util::fold_answer (case, every Unicode
// space and dash, curly quotes, trailing punctuation), and the numbered forms
// survey platforms write ("5 - Strongly agree", "(5) Strongly agree",
// "Strongly agree [5]") are accepted when the number agrees with the option.

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

// Matches answers to the options of one scale. Built once per scale, with
// every label and alias folded once; matching allocates only for the folded
// copy of the text.
class OptionMatcher {
public:
  explicit OptionMatcher(const bank::Scale& scale);

  // The option whose label or alias equals `text` after folding, else the
  // numbered form of one: a number before it or after it, in any bracket or
  // after or before any separator ("(4) Critical.", "4 - Agree", "Agree
  // (6)", "Agree [6]", "Agree - 6"), whose number is the option's value, its
  // 1-based position among the value options or among all options (the only
  // one a not-applicable or don't-know option has); else a value option
  // whose value is the number `text` spells ("55", "55.0"). On a range
  // scale a number beside words that are no label is the value, the words
  // its anchor text ("10 - Extremely likely"). With `codes` (LimeSurvey
  // exports), an answer code "A4" or "AO04" counts as the number 4 in a
  // numbered form ("Agree (A4)") and alone names the option at position 4.
  [[nodiscard]] Match match_text(std::string_view text, bool codes = false) const;
  // The value option whose value equals `value` (exactly, or within 1e-9).
  [[nodiscard]] Match match_value(double value) const;

private:
  [[nodiscard]] std::optional<std::size_t> match_numbered(std::string_view folded,
                                                          bool codes) const;
  [[nodiscard]] std::optional<std::size_t> numbered_label(std::string_view label,
                                                          std::optional<double> number) const;
  [[nodiscard]] bool number_fits(std::size_t option, double number) const;

  const bank::Scale* m_scale;
  std::unordered_map<std::string, std::size_t> m_labels; // folded label/alias -> option
  std::vector<std::string> m_label_list;                 // for did-you-mean
  std::vector<std::size_t> m_value_position;             // 1-based among value options; 0: none
};

} // namespace centricity::answers
