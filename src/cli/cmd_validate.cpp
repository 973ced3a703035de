#include "cmd_validate.hpp"

#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/publish/publish.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

namespace centricity::cli {

namespace {

struct ValidateOptions {
  std::vector<std::string> banks;
  std::vector<std::string> targets; // --for: survey formats the banks are published to
  bool strict = false;
  bool quiet = false;
};

// The --for formats, checked before any bank is read.
std::vector<publish::Target> parse_targets(const std::vector<std::string>& names)
{
  std::vector<publish::Target> out;
  for (const auto& name : names) {
    const auto target = publish::parse_target(name);
    if (!target) {
      std::vector<std::string> known;
      for (const auto& k : util::split(publish::target_names(), ',')) {
        known.emplace_back(util::trim(k));
      }
      throw Error(fmt::format("--for {}: unknown format{} (formats: {})", name,
                              util::did_you_mean(name, known), publish::target_names()),
                  ExitCode::usage);
    }
    out.push_back(*target);
  }
  return out;
}

// The banks to check: each argument, or every bank file below it if it is
// a folder (sorted, so output is stable).
std::vector<std::string> expand(const std::vector<std::string>& arguments)
{
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& argument : arguments) {
    std::error_code ec;
    if (!fs::is_directory(argument, ec)) {
      out.push_back(argument);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(argument, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto ext = it->path().extension().string();
      if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml" || ext == ".json")) {
        found.push_back(it->path().string());
      }
    }
    if (found.empty()) {
      throw Error(fmt::format("no bank files (*.yaml, *.yml, *.json) in folder '{}'", argument),
                  ExitCode::data);
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

int run_validate(const ValidateOptions& options)
{
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t failed = 0;
  std::size_t unreadable = 0;
  const auto targets = parse_targets(options.targets);
  const auto banks = expand(options.banks);
  for (const auto& argument : banks) {
    std::string path;
    try {
      path = bank::resolve_bank(argument);
    } catch (const Error& e) {
      // Not a bank with problems but no bank at all: an error on standard
      // error and exit 3, as for every command; the others are still checked.
      std::cout << std::flush;
      std::cerr << fmt::format("centricity: error: {}\n", e.what());
      ++unreadable;
      ++failed;
      continue;
    }
    auto result = bank::load_bank(path);
    // What a survey platform cannot show as the bank has it; only for a
    // bank that loaded, whose questions and scales are all there.
    if (result.bank && !result.diagnostics.has_errors()) {
      for (const auto target : targets) {
        for (const auto& limit : publish::limitations(*result.bank, target)) {
          result.diagnostics.warning(limit.loc, limit.message);
        }
      }
    }
    for (const auto& diagnostic : result.diagnostics.all()) {
      std::cout << util::format_diagnostic(diagnostic, result.sources);
    }
    const std::size_t e = result.diagnostics.error_count();
    const std::size_t w = result.diagnostics.warning_count();
    errors += e;
    warnings += w;
    const bool ok = e == 0 && (!options.strict || w == 0);
    failed += ok ? 0 : 1;
    if (!options.quiet) {
      std::cout << fmt::format("{}: {}{}\n", path, ok ? "valid" : "invalid",
                               e + w == 0 ? std::string()
                                          : fmt::format(" ({} error{}, {} warning{})", e,
                                                        e == 1 ? "" : "s", w, w == 1 ? "" : "s"));
    }
  }
  if (banks.size() > 1 && !options.quiet) {
    std::cout << fmt::format("{} of {} banks valid\n", banks.size() - failed, banks.size());
  }
  if (unreadable > 0) {
    return static_cast<int>(ExitCode::data);
  }
  return failed == 0 ? static_cast<int>(ExitCode::ok) : static_cast<int>(ExitCode::findings);
}

} // namespace

Command setup_validate(CLI::App& app)
{
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* sub = app.add_subcommand("validate", "Check question banks and list every problem");
  sub
    ->add_option("BANK", options->banks,
                 "Bank files, folders of bank files (searched recursively) or bundled bank ids")
    ->required();
  sub->add_option("--for", options->targets,
                  "Also warn about what this survey format cannot show as the bank has it ("
                    + publish::target_names() + "; see 'centricity publish'); repeatable");
  sub->add_flag("--strict", options->strict, "Fail on warnings too");
  sub->add_flag("-q,--quiet", options->quiet, "Print problems only, no summary lines");
  sub->footer(
    examples({"centricity validate my-bank.yaml", "centricity validate --strict questionnaires/",
              "centricity validate customer-centricity",
              "centricity validate my-bank.yaml --for google-forms"})
    + "\nExit status: 0 all valid, 1 a bank is invalid, 2 usage error, 3 a bank could not be "
      "read.\n");
  return {sub, [options] { return run_validate(*options); }};
}

} // namespace centricity::cli
