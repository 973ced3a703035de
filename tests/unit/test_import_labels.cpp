#include <centricity/import/labels.hpp>

#include <catch2/catch.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace centricity;
using namespace centricity::import;
using namespace centricity::import::detail;

#if defined(__SANITIZE_ADDRESS__)
#define CENTRICITY_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CENTRICITY_TEST_ASAN 1
#endif
#endif

namespace {

// Two pages, the second unreadable: a cell placed at the end of the first
// is followed by memory that faults, so a matcher that reads past a cell
// there crashes the test.
class GuardedPage {
public:
  GuardedPage()
    : m_size(static_cast<std::size_t>(sysconf(_SC_PAGESIZE)))
  {
    void* p = mmap(nullptr, 2 * m_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(p != MAP_FAILED);
    m_bytes = static_cast<char*>(p);
    REQUIRE(mprotect(m_bytes + m_size, m_size, PROT_NONE) == 0);
  }
  ~GuardedPage() { munmap(m_bytes, 2 * m_size); }
  GuardedPage(const GuardedPage&) = delete;
  GuardedPage& operator=(const GuardedPage&) = delete;

  // `text` copied so that it ends `gap` bytes before the unreadable page.
  std::string_view place(const std::string& text, std::size_t gap)
  {
    char* at = m_bytes + m_size - gap - text.size();
    std::memcpy(at, text.data(), text.size());
    return {at, text.size()};
  }

private:
  std::size_t m_size = 0;
  char* m_bytes = nullptr;
};

// What the matcher must do for column `c`, by the contract in labels.hpp.
bool direct_answer(const LabelInput& in, std::size_t c)
{
  const LabelColumn& column = in.columns[c];
  if (column.field >= in.cell_count) {
    return false;
  }
  const std::string_view cell = in.cells[column.field];
  if (cell.empty() || cell.size() > k_direct_bytes) {
    return false;
  }
  const DirectLabel& label = column.direct[cell.size() - 1];
  return label.need != 0 && std::memcmp(label.bytes.data(), cell.data(), cell.size()) == 0
         && label.outcome.kind == LabelKind::answer;
}

bool near_page_end(std::string_view cell)
{
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  return (reinterpret_cast<std::uintptr_t>(cell.data()) % page) > page - k_direct_bytes;
}

} // namespace

TEST_CASE("import::match_labels, every instruction set against the contract")
{
  const std::vector<std::string> labels = {
    "Agree", "Neutral",           "Disagree", "Strongly agree",
    "N/A",   "Strongly disagree", "x",        "Not at all like us, in any way..."};
  REQUIRE(labels.back().size() == k_direct_bytes + 1);
  // Two scales' direct tables: the first knows every label but the last
  // (too long), with "N/A" a missing token; the second only "Agree".
  std::vector<std::array<DirectLabel, k_direct_bytes>> tables(2);
  for (std::size_t i = 0; i + 1 < labels.size(); ++i) {
    LabelOutcome outcome;
    outcome.kind = labels[i] == "N/A" ? LabelKind::missing_token : LabelKind::answer;
    outcome.answer = {answers::AnswerKind::value, static_cast<std::uint16_t>(i)};
    tables[0][labels[i].size() - 1] = DirectLabel(labels[i], outcome);
  }
  tables[1][4] = DirectLabel("Agree", {LabelKind::answer, {answers::AnswerKind::value, 9}});

  std::vector<SimdLevel> levels = available_simd_levels();
  levels.push_back(SimdLevel::sse2); // runs the portable compare where SSE2 is not built
  std::mt19937 random(7);
  GuardedPage page;
  std::size_t stops = 0;
  std::size_t page_end_cells = 0;
  for (int round = 0; round < 4000; ++round) {
    // Cells: labels, near misses (one byte changed, a case change, a space
    // around), empty and over-long ones; some placed against the guard page.
    const std::size_t width = 1 + random() % 12;
    std::vector<std::string> texts;
    for (std::size_t f = 0; f < width; ++f) {
      std::string text = labels[random() % labels.size()];
      switch (random() % 8) {
      case 0:
        text[random() % text.size()] ^= 0x20;
        break;
      case 1:
        text = " " + text;
        break;
      case 2:
        text.clear();
        break;
      default:
        break;
      }
      texts.push_back(text);
    }
    std::vector<std::string_view> cells;
    const std::size_t guarded = random() % (width + 1); // this cell sits at the page end
    for (std::size_t f = 0; f < width; ++f) {
      cells.push_back(f == guarded ? page.place(texts[f], random() % 3) : texts[f]);
    }
    // Columns point at fields in any order, some past the record's end.
    std::vector<LabelColumn> columns;
    const std::size_t count = 1 + random() % 10;
    for (std::size_t c = 0; c < count; ++c) {
      const auto field = static_cast<std::uint32_t>(random() % (width + 2));
      columns.push_back({field, static_cast<std::uint32_t>(c), tables[random() % 4 == 0].data()});
    }
    LabelInput in;
    in.cells = cells.data();
    in.cell_count = cells.size();
    in.columns = columns.data();
    in.column_count = columns.size();
    const std::size_t from = random() % (count + 1);
    // Half the rounds say which fields the columns use, as the import run
    // does, so the loop without a check per field runs too when the record
    // has them all.
    if (round % 2 == 1) {
      in.field_limit = 0;
      for (const LabelColumn& column : columns) {
        in.field_limit = std::max<std::size_t>(in.field_limit, column.field + 1U);
      }
    }

    for (const SimdLevel level : levels) {
      INFO("round " << round << ", instruction set " << static_cast<int>(level));
      std::vector<answers::Answer> answers(count, {answers::AnswerKind::not_applicable, 77});
      in.answers = answers.data();
      const std::size_t stop = match_labels_for(level)(in, from);
      REQUIRE(stop >= from);
      REQUIRE(stop <= count);
      // Every column it passed is a direct answer, and holds it...
      for (std::size_t c = from; c < stop; ++c) {
        REQUIRE(direct_answer(in, c));
        const std::string_view cell = cells[columns[c].field];
        const LabelOutcome& want = columns[c].direct[cell.size() - 1].outcome;
        CHECK(answers[c].kind == want.answer.kind);
        CHECK(answers[c].option == want.answer.option);
      }
      // ...no other answer was touched...
      for (std::size_t c = 0; c < count; ++c) {
        if (c < from || c >= stop) {
          CHECK(answers[c].option == 77);
        }
      }
      // ...and it stopped at a column that is not one, or (with whole
      // 16- or 32-byte loads) at a cell too near the end of a page.
      if (stop < count && direct_answer(in, stop)) {
        CHECK(level != SimdLevel::avx512);
        CHECK(near_page_end(cells[columns[stop].field]));
        ++page_end_cells;
      }
      stops += stop < count ? 1 : 0;
    }
  }
  CHECK(stops > 1000); // the rounds stopped often: the comparisons were not trivial
#if defined(__x86_64__) && !defined(CENTRICITY_TEST_ASAN)
  // And some answer cells were read the careful way (not under
  // AddressSanitizer, where SSE2 and AVX2 compare with memcmp instead).
  CHECK(page_end_cells > 0);
#endif
}
