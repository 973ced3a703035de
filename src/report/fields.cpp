#include <centricity/report/fields.hpp>

#include <fmt/format.h>

namespace centricity::report::fields {

std::string str(const nlohmann::ordered_json& object, const char* key)
{
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<double> number(const nlohmann::ordered_json& object, const char* key)
{
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? std::optional(it->get<double>()) : std::nullopt;
}

std::string one_decimal(double value)
{
  std::string text = fmt::format("{:.1f}", value);
  return text == "-0.0" ? "0.0" : text;
}

} // namespace centricity::report::fields
