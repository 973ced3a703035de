#include "cmd_banks.hpp"

#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

namespace centricity::cli {

namespace {

struct BanksOptions {
  bool paths = false;
};

int run_banks(const BanksOptions& options)
{
  struct Row {
    std::string id, title, version, questions, path;
  };
  std::vector<Row> rows;
  for (const auto& bundled : bank::bundled_banks()) {
    const auto result = bank::load_bank(bundled.path);
    if (result.bank && !result.diagnostics.has_errors()) {
      rows.push_back({bundled.id, result.bank->title, result.bank->version,
                      std::to_string(result.bank->questions.size()), bundled.path});
    } else {
      rows.push_back({bundled.id, "(invalid: run 'centricity validate " + bundled.id + "')", "-",
                      "-", bundled.path});
    }
  }
  if (rows.empty()) {
    throw Error("no bundled banks found; set CENTRICITY_BANK_PATH to the folder that holds them",
                ExitCode::data);
  }
  std::size_t id_width = 2;
  std::size_t title_width = 5;
  std::size_t version_width = 7;
  for (const auto& row : rows) {
    id_width = std::max(id_width, util::display_width(row.id));
    title_width = std::max(title_width, util::display_width(row.title));
    version_width = std::max(version_width, util::display_width(row.version));
  }
  const auto pad = [](const std::string& text, std::size_t width) {
    return text + std::string(width - std::min(width, util::display_width(text)), ' ');
  };
  std::cout << pad("ID", id_width) << "  " << pad("TITLE", title_width) << "  "
            << pad("VERSION", version_width) << "  QUESTIONS" << (options.paths ? "  PATH" : "")
            << "\n";
  for (const auto& row : rows) {
    std::cout << pad(row.id, id_width) << "  " << pad(row.title, title_width) << "  "
              << pad(row.version, version_width) << "  "
              << (options.paths ? pad(row.questions, 9) + "  " + row.path : row.questions) << "\n";
  }
  return 0;
}

} // namespace

Command setup_banks(CLI::App& app)
{
  auto options = std::make_shared<BanksOptions>();
  CLI::App* sub = app.add_subcommand("banks", "List the bundled question banks");
  sub->add_flag("--paths", options->paths, "Also print where each bank file is");
  sub->footer(examples({"centricity banks", "centricity banks --paths"}));
  return {sub, [options] { return run_banks(*options); }};
}

} // namespace centricity::cli
