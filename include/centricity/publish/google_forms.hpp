#pragma once

// A Google Apps Script that creates the survey as a Google Form with FormApp
// (paste it into the script editor and run createForm): a page per section,
// a multiple-choice item per question titled by its text, a grid item per
// grid (columns "Title [row]" in the response sheet), help texts as item
// descriptions. It logs the form's address and returns it.

#include <centricity/publish/survey.hpp>

#include <string>

namespace centricity::publish {

// `survey` as Apps Script source (JavaScript): the survey as a data literal
// and the function createForm() that builds it.
[[nodiscard]] std::string to_google_forms(const Survey& survey);

} // namespace centricity::publish
