#include <centricity/util/markup.hpp>

namespace centricity::util {

std::string escape_markup(std::string_view text, const MarkupEscape& how)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += how.quote ? "&quot;" : "\"";
      break;
    case '\'':
      out += how.apostrophe ? "&#39;" : "'";
      break;
    case '\n':
      if (how.newline.empty()) {
        out += c;
      } else {
        out += how.newline;
      }
      break;
    case '\t':
    case '\r':
      out += how.tabs_as_space ? ' ' : c;
      break;
    default:
      if (static_cast<unsigned char>(c) >= 0x20) {
        out += c;
      }
    }
  }
  return out;
}

} // namespace centricity::util
