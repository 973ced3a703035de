#pragma once

// yaml-cpp with positions and guards: parsing untrusted YAML or JSON text into
// a node tree, turning its 0-based marks into 1-based SourceLocs, and the
// structural checks every loader needs (duplicate keys, unknown fields).

#include <centricity/util/diagnostics.hpp>

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centricity::util {

// The 1-based position of `node` in `file`.
[[nodiscard]] SourceLoc loc_of(const YAML::Node& node, const std::string& file);

// Parses `text` (the contents of `file`) as one YAML or JSON document. On any
// problem adds an error to `out` and returns nullopt: invalid UTF-8, syntax
// errors, nesting deeper than yaml-cpp's limit, an empty document, or more
// than `max_nodes` nodes when aliases are expanded (an "alias bomb").
[[nodiscard]] std::optional<YAML::Node> parse_yaml(std::string_view text, const std::string& file,
                                                   Diagnostics& out, std::size_t max_nodes);

// Checks the keys of mapping `node`: every key must be a scalar, appear once,
// and be one of `allowed` (else "unknown field 'x', did you mean 'y'?").
// `what` names the mapping in messages ("question", "scale option").
void check_keys(const YAML::Node& node, const std::vector<std::string>& allowed,
                const std::string& what, const std::string& file, Diagnostics& out);

// Typed field access that reports problems instead of throwing. Each returns
// nullopt (after adding an error) if the field is present but has the wrong
// type; `required` fields also report their absence at `map`'s position.
[[nodiscard]] std::optional<std::string> get_string(const YAML::Node& map, const char* key,
                                                    const std::string& file, Diagnostics& out,
                                                    bool required);
[[nodiscard]] std::optional<double> get_number(const YAML::Node& map, const char* key,
                                               const std::string& file, Diagnostics& out,
                                               bool required);
[[nodiscard]] std::optional<bool> get_bool(const YAML::Node& map, const char* key,
                                           const std::string& file, Diagnostics& out);

// A scalar as a number if it is one ("3", "-1.5", "1e2"; not "0x10", "inf"
// or "nan"), else nullopt.
[[nodiscard]] std::optional<double> scalar_number(const YAML::Node& node);

// A short description of a node's type for messages: "a mapping", "a list",
// "a string", "a number", "null".
[[nodiscard]] std::string describe_type(const YAML::Node& node);

} // namespace centricity::util
