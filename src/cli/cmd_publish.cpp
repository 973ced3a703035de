#include "cmd_publish.hpp"

#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/publish/publish.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace centricity::cli {

namespace {

struct PublishOptions {
  std::string bank;
  std::string to;
  std::string output = "-";
  std::vector<std::string> ask;
  bool quiet = false;
};

int run_publish(const PublishOptions& options)
{
  const auto target = publish::parse_target(options.to);
  if (!target) {
    std::vector<std::string> names;
    for (const auto& name : util::split(publish::target_names(), ',')) {
      names.emplace_back(util::trim(name));
    }
    throw Error(fmt::format("--to {}: unknown format{} (formats: {})", options.to,
                            util::did_you_mean(options.to, names), publish::target_names()),
                ExitCode::usage);
  }
  const std::string path = bank::resolve_bank(options.bank);
  refuse_overwrite(options.output, {path});
  const bank::Questionnaire questionnaire = bank::load_valid_bank(path);
  const auto ask = publish::parse_ask(options.ask, questionnaire);
  const std::string text = publish::publish(questionnaire, *target, ask);
  util::write_file_atomic(options.output, text);
  if (!options.quiet) {
    // What the platform cannot show as the bank has it is said, not dropped.
    const auto limits = publish::limitations(questionnaire, *target);
    for (const auto& line : publish::summarize_limitations(limits, *target)) {
      std::cerr << fmt::format("centricity: warning: {}\n", line);
    }
    if (!limits.empty()) {
      std::cerr << fmt::format("centricity: note: 'centricity validate --for {} {}' lists each "
                               "place\n",
                               publish::target_name(*target), options.bank);
    }
  }
  return static_cast<int>(ExitCode::ok);
}

} // namespace

Command setup_publish(CLI::App& app)
{
  auto options = std::make_shared<PublishOptions>();
  CLI::App* sub = app.add_subcommand(
    "publish", "Write a bank as a survey for Qualtrics, LimeSurvey, SurveyJS, Google Forms or as "
               "a survey page");
  sub->add_option("BANK", options->bank, "A bank file or a bundled bank id")->required();
  sub
    ->add_option("--to", options->to,
                 "Survey format: " + publish::target_names()
                   + " (a .qsf file, a tab-separated survey structure, a SurveyJS survey JSON, "
                     "an Apps Script, a self-contained HTML page)")
    ->required();
  sub->add_option("-o,--output", options->output, "Write to this file ('-' for standard output)")
    ->capture_default_str();
  sub->add_option("--ask", options->ask,
                  "Also ask a required group question, NAME=OPTION,OPTION,... (e.g. "
                  "'role=Executive,Manager,Front line'); 'score --group-by NAME' compares the "
                  "groups; repeatable");
  sub->add_flag("-q,--quiet", options->quiet,
                "Do not list the bank features the platform cannot show as the bank has them");
  sub->footer(
    examples({"centricity publish customer-centricity --to qualtrics -o survey.qsf",
              "centricity publish customer-centricity --to limesurvey -o survey.txt --ask "
              "'role=Executive,Manager,Front line'",
              "centricity publish my-bank.yaml --to surveyjs -o survey.json",
              "centricity publish customer-centricity --to google-forms -o create-form.gs",
              "centricity publish four-tough-questions --to html -o survey.html"})
    + "\nExit status: 0 written, 2 usage error, 3 invalid bank, 4 the output could not be "
      "written.\n");
  return {sub, [options] { return run_publish(*options); }};
}

} // namespace centricity::cli
