#include "cmd_merge.hpp"

#include "report_output.hpp"

#include <centricity/bank/catalog.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/import/source.hpp>
#include <centricity/report/render.hpp>
#include <centricity/score/aggregate.hpp>
#include <centricity/score/assessment.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/json.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <sstream>

namespace centricity::cli {

namespace {

// A saved aggregate is a few kilobytes per group value; this only stops a
// wrong file (a whole export passed by mistake).
constexpr std::size_t k_max_partial_bytes = std::size_t{256} << 20U;
constexpr util::JsonLimits k_partial_json_limits{64, 2'000'000};

struct MergeOptions {
  std::vector<std::string> partials;
  std::string bank;
  std::string output = "-";
  std::string format;
  std::vector<std::string> targets;
  std::string generated_at;
};

int run_merge(const MergeOptions& options)
{
  const std::string bank_path = bank::resolve_bank(options.bank);
  std::vector<std::string> inputs = options.partials;
  inputs.push_back(bank_path);
  refuse_overwrite(options.output, inputs);
  const score::CompiledBank bank(bank::load_valid_bank(bank_path));
  const report::Format format = choose_format(
    "merge", options.format, options.output,
    {report::Format::markdown, report::Format::html, report::Format::json}, report::Format::json);
  std::optional<score::Aggregate> merged;
  for (const auto& path : options.partials) {
    auto source = import::open_file(path);
    const std::string text = import::read_all(*source, path, k_max_partial_bytes);
    // The shared bounded reader: a deeply nested or huge file stops while
    // it is parsed (docs/security.md).
    const nlohmann::ordered_json state = util::read_json_file(text, path, k_partial_json_limits);
    try {
      score::Aggregate shard = score::Aggregate::load(bank, state);
      if (!merged) {
        merged.emplace(std::move(shard));
      } else {
        // Both hold at most k_max_respondents, so the sums cannot overflow;
        // their total must stay within it too, for the next merge.
        const std::uint64_t before = merged->total().respondents();
        merged->merge(shard);
        if (merged->total().respondents() > score::k_max_respondents) {
          throw Error(fmt::format("merged with the {} respondents before it, it counts {}, more "
                                  "than the limit of 10^12",
                                  before, merged->total().respondents()));
        }
      }
    } catch (const Error& e) {
      throw Error(fmt::format("{}: {}", path, e.what()), e.code());
    }
  }
  score::ResultOptions result_options;
  result_options.generated_at = generated_at(options.generated_at);
  result_options.targets = score::resolve_targets(bank, options.targets);
  const auto result = score::make_result(*merged, result_options);
  std::ostringstream out;
  report::render(result, format, out);
  util::write_file_atomic(options.output, out.str());
  return static_cast<int>(ExitCode::ok);
}

} // namespace

Command setup_merge(CLI::App& app)
{
  auto options = std::make_shared<MergeOptions>();
  CLI::App* sub =
    app.add_subcommand("merge", "Combine aggregates saved by 'score --partial' into one result");
  sub->add_option("PARTIAL", options->partials, "Files written by score --partial")->required();
  sub->add_option("-b,--bank", options->bank, "The question bank the shards were scored with")
    ->required();
  sub->add_option("-o,--output", options->output, "Write the result here ('-' for standard output)")
    ->capture_default_str();
  sub->add_option("--to,--format", options->format,
                  "md, html or json (default: by the extension of -o; json on standard output)");
  sub->add_option("--target", options->targets, "Target stage, LADDER:STAGE (repeatable)");
  sub->add_option("--generated-at", options->generated_at,
                  "The result's timestamp (default: $SOURCE_DATE_EPOCH, else now)");
  sub->footer(
    examples({"centricity score shard-1.csv --bank my-bank.yaml --partial shard-1.part.json",
              "centricity merge *.part.json --bank my-bank.yaml -o result.json"}));
  return {sub, [options] { return run_merge(*options); }};
}

} // namespace centricity::cli
