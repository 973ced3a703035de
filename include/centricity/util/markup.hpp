#pragma once

// Text written into XML or HTML: the one escaper behind the HTML report, its
// SVG charts and the survey definitions `publish` writes (the survey page,
// Qualtrics and LimeSurvey question texts).

#include <string>
#include <string_view>

namespace centricity::util {

// What escape_markup() does beyond & < >, which it always escapes.
struct MarkupEscape {
  bool quote = true;          // '"' as &quot; (double-quoted attribute values)
  bool apostrophe = false;    // '\'' as &#39; (single-quoted attribute values)
  std::string_view newline;   // what '\n' becomes ("<br>"); kept when empty
  bool tabs_as_space = false; // '\t' and '\r' as one space (one-line fields)
};

// `text` as character data or an attribute value. The C0 control characters
// XML 1.0 cannot carry, even as references (all but tab, LF and CR), are
// dropped; every other byte, UTF-8 included, is kept as it is.
[[nodiscard]] std::string escape_markup(std::string_view text, const MarkupEscape& how = {});

} // namespace centricity::util
