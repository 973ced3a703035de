#include "command.hpp"

namespace centricity::cli {

std::string examples(std::initializer_list<const char*> lines)
{
  std::string out = "\nExamples:\n";
  for (const char* line : lines) {
    out += "  ";
    out += line;
    out += '\n';
  }
  return out;
}

} // namespace centricity::cli
