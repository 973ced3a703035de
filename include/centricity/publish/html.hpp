#pragma once

// The survey as one self-contained HTML page for teams without a survey
// platform: no network, inline style and script, one question at a time with
// the keys and habits of `assess` (1-9, n, d, back, skip, ? for help), the
// answers kept in the browser's local storage, and a button that saves them
// as an answers file `centricity score` reads.

#include <centricity/publish/survey.hpp>

#include <string>

namespace centricity::publish {

// `survey` as an HTML page (newline-terminated). The bank travels inside as
// JSON; nothing is fetched (a Content-Security-Policy forbids it).
[[nodiscard]] std::string to_html(const Survey& survey);

} // namespace centricity::publish
