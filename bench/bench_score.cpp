// The benchmark's scorer: the library path `centricity score EXPORT
// --group-by Role --respondents OUT` takes (import::run_exports, then
// score::make_result), as a small program so the benchmark does not depend
// on how the CLI wires its options.
//
//   bench_score BANK EXPORT RESPONDENTS(.csv|.jsonl) RESULT.json [THREADS [PARTIAL]]
//
// BENCH_CHUNK_BYTES in the environment sets the block size (default 1 MiB).
// PARTIAL, when given, receives the aggregate state (score --partial) for
// `centricity merge`. The Result's timestamp is fixed so runs compare byte
// for byte.

#include <centricity/bank/loader.hpp>
#include <centricity/import/pipeline.hpp>
#include <centricity/report/render.hpp>
#include <centricity/score/result.hpp>
#include <centricity/util/atomic_file.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

int main(int argc, char** argv)
{
  using namespace centricity;
  if (argc < 5 || argc > 7) {
    std::cerr << "usage: bench_score BANK EXPORT RESPONDENTS RESULT.json [THREADS [PARTIAL]]\n";
    return 2;
  }
  try {
    const score::CompiledBank bank(bank::load_valid_bank(argv[1]));
    import::ImportOptions options;
    options.respondents_path = argv[3];
    options.group_by = {"Role"};
    options.threads = argc >= 6 ? static_cast<unsigned>(std::atoi(argv[5])) : 0U;
    // For trying other block sizes (bytes); the default is the CLI's.
    if (const char* chunk = std::getenv("BENCH_CHUNK_BYTES")) {
      options.chunk_bytes = static_cast<std::size_t>(std::strtoull(chunk, nullptr, 10));
    }
    const auto run = import::run_exports({argv[2]}, bank, options);
    for (const auto& diagnostic : run.diagnostics.all()) {
      if (diagnostic.severity != util::Severity::note) {
        std::cerr << util::format_diagnostic(diagnostic) << "\n";
      }
    }
    if (run.diagnostics.has_errors()) {
      return 3;
    }
    if (argc == 7) {
      util::write_file_atomic(argv[6], run.aggregate.save().dump() + "\n");
    }
    score::ResultOptions result_options;
    result_options.generated_at = "2024-01-01T00:00:00Z";
    std::ostringstream out;
    report::render(score::make_result(run.aggregate, result_options), report::Format::json, out);
    util::write_file_atomic(argv[4], out.str());
  } catch (const Error& e) {
    std::cerr << fmt::format("bench_score: error: {}\n", e.what());
    return static_cast<int>(e.code());
  }
  return 0;
}
