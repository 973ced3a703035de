#include <centricity/answers/response.hpp>

namespace centricity::answers {

const std::string* Response::field(std::string_view name) const
{
  for (const auto& entry : fields) {
    if (entry.name == name) {
      return &entry.value;
    }
  }
  return nullptr;
}

} // namespace centricity::answers
