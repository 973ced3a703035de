#include <centricity/bank/loader.hpp>
#include <centricity/util/error.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace centricity;

namespace {

// A minimal valid bank; tests append or replace parts of it.
const std::string k_head = R"(id: t
title: Test bank
version: "1"
)";

const std::string k_scale = R"(scales:
  - id: yn
    options:
      - { value: 0, label: No }
      - { value: 1, label: Yes, aliases: ["1 - Yes"] }
      - { special: not-applicable, label: N/A }
)";

struct Loaded {
  bank::LoadResult result;
  std::string errors;   // every error and warning, formatted with carets
  std::string headline; // the one-line forms only, one per line
};

Loaded load(const std::map<std::string, std::string>& files, const std::string& path = "bank.yaml")
{
  util::MemoryFileReader reader;
  for (const auto& [name, text] : files) {
    reader.add(name, text);
  }
  bank::LoadOptions options;
  options.reader = &reader;
  options.include_roots = {"bundled"};
  Loaded loaded{bank::load_bank(path, options), {}, {}};
  for (const auto& d : loaded.result.diagnostics.all()) {
    loaded.errors += util::format_diagnostic(d, loaded.result.sources);
    loaded.headline += util::format_diagnostic(d) + "\n";
  }
  return loaded;
}

Loaded load_text(const std::string& text)
{
  return load({{"bank.yaml", text}});
}

} // namespace

TEST_CASE("bank::load, a valid bank")
{
  const auto loaded = load_text(k_head + "description: About it\n" + k_scale + R"(dimensions:
  - { id: d, title: Dimension, pass_mark: 60 }
questions:
  - { id: q1, dimension: d, scale: yn, text: One, help: h, weight: 2, reverse: true }
  - { id: q2, dimension: d, scale: yn, text: Two, help: h, kind: belief, source: s }
  - { id: q3, dimension: d, scale: yn, text: Three, help: h }
ladders:
  - id: l
    title: Ladder
    target: up
    stages:
      - { id: start, title: Start }
      - { id: up, title: Up, criteria: [{ dimension: d, min: 50 }] }
recommendations:
  - { id: r1, dimension: d, band: [0, 50], text: Low, effort: 1 }
  - { id: r2, dimension: d, band: [50, 100], text: High }
  - { id: r3, ladder: l, stage: up, text: Climb }
)");
  CHECK(loaded.errors.empty());
  REQUIRE(loaded.result.bank);
  const auto& b = *loaded.result.bank;
  CHECK(b.id == "t");
  CHECK(b.language == "en");
  CHECK(b.description == "About it");
  REQUIRE(b.scales.size() == 1);
  CHECK(b.scales[0].min == 0);
  CHECK(b.scales[0].max == 1);
  CHECK(b.scales[0].allows(bank::OptionKind::not_applicable));
  CHECK_FALSE(b.scales[0].allows(bank::OptionKind::dont_know));
  CHECK(b.scales[0].options[1].aliases == std::vector<std::string>{"1 - Yes"});
  REQUIRE(b.questions.size() == 3);
  CHECK(b.questions[0].weight == 2);
  CHECK(b.questions[0].reverse);
  CHECK(b.questions[1].kind == bank::QuestionKind::belief);
  CHECK(b.questions[2].kind == bank::QuestionKind::practice);
  CHECK(b.questions[0].loc.line == 14);
  CHECK(b.questions[0].loc.column == 5);
  // Default min_answered: half the questions, rounded up.
  CHECK(b.dimensions[0].min_answered == 2);
  CHECK(b.dimensions[0].pass_mark == 60);
  REQUIRE(b.ladders.size() == 1);
  CHECK(b.ladders[0].stage_index("up") == 1);
  CHECK(b.ladders[0].stages[1].criteria[0].threshold == 50);
  CHECK(b.recommendations[0].effort == 1);
  CHECK(b.recommendations[1].effort == 3);
  CHECK(b.recommendations[2].kind == bank::Recommendation::Kind::stage);
}

TEST_CASE("bank::load, JSON goes through the same loader with positions")
{
  const auto loaded = load({{"bank.json", R"({
  "id": "j", "title": "J", "version": "1",
  "scales": [{"id": "yn", "options": [{"value": 0, "label": "No"}, {"value": 1, "label": "Yes"}]}],
  "dimensions": [{"id": "d", "title": "D"}],
  "questions": [{"id": "q1", "dimension": "d", "scale": "yn", "text": "T", "help": "h", "wieght": 2}]
})"}},
                           "bank.json");
  CHECK(loaded.headline
        == "bank.json:4:18: warning: dimension 'd' has a single question; its score "
           "rests on one answer\n"
           "bank.json:4:18: warning: dimension 'd' has no recommendation for any "
           "score\n"
           "bank.json:5:89: error: unknown field 'wieght' in question, did you mean "
           "'weight'?\n");
}

TEST_CASE("bank::load, error handling")
{
  SECTION("syntax error quotes the line with a caret")
  {
    const auto loaded = load_text("id: t\ntitle: [unclosed\nversion: 1\n");
    CHECK(loaded.errors
          == "bank.yaml:3:8: error: syntax error: end of sequence flow not found\n"
             "    version: 1\n"
             "           ^\n");
    CHECK_FALSE(loaded.result.bank);
  }
  SECTION("empty file")
  {
    CHECK(load_text("").headline == "bank.yaml: error: the file is empty\n");
    CHECK(load_text("# only a comment\n").headline == "bank.yaml: error: the file is empty\n");
  }
  SECTION("not a mapping")
  {
    CHECK(
      load_text("- a\n- b\n").headline
      == "bank.yaml:1:1: error: a bank must be a mapping of fields (id, title, questions, ...), "
         "not a list\n");
  }
  SECTION("missing file")
  {
    const auto loaded = load({}, "nowhere.yaml");
    CHECK(loaded.headline == "nowhere.yaml: error: cannot read bank: No such file or directory\n");
  }
  SECTION("invalid UTF-8 names line and column")
  {
    const auto loaded = load_text("id: t\ntitle: caf\xe9\n");
    CHECK(loaded.errors
          == "bank.yaml:2:11: error: invalid UTF-8 (byte 0xE9); save the file as "
             "UTF-8\n    title: caf?\n              ^\n");
  }
  SECTION("binary junk")
  {
    const auto loaded = load_text(std::string("\x7f"
                                              "ELF\x02\x01\x01\0\0\0",
                                              10));
    CHECK(loaded.headline == "bank.yaml:1:8: error: NUL byte in a text file\n");
  }
  SECTION("deep nesting")
  {
    const auto loaded = load_text(std::string(10000, '[') + std::string(10000, ']'));
    CHECK_FALSE(loaded.result.bank);
    CHECK(loaded.headline.find("error: nesting is too deep (more than 500 levels)")
          != std::string::npos);
  }
  SECTION("alias bomb")
  {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
      text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int j = 0; j < 10; ++j) {
        text += (j != 0 ? ", *a" : "*a") + std::to_string(i - 1);
      }
      text += "]\n";
    }
    CHECK(load_text(text).headline
          == "bank.yaml: error: the document expands to more than 250000 nodes when its aliases "
             "are followed (the node limit for this kind of file)\n");
  }
  SECTION("the node budget is checked while parsing: a 16 MiB flow list stops early")
  {
    // Refused after 251 s and 4.4 GB before: the tree was built whole first.
    std::string text = "id: t\ntitle: T\nversion: '1'\nquestions: [";
    while (text.size() < (std::size_t{16} << 20U) - 16) {
      text += "1, ";
    }
    text += "1]\n";
    const auto start = std::chrono::steady_clock::now();
    CHECK(load_text(text).headline
          == "bank.yaml: error: the document has more than 250000 nodes (keys, values and list "
             "items; the node limit for this kind of file)\n");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    // Block style (not flow) is counted by yaml-cpp's events as they come.
    std::string block = "id: t\ntitle: T\nversion: '1'\nquestions:\n";
    for (int i = 0; i < 260000; ++i) {
      block += "- 1\n";
    }
    CHECK(load_text(block).headline
          == "bank.yaml: error: the document has more than 250000 nodes (keys, values and list "
             "items; the node limit for this kind of file)\n");
  }
  SECTION("lines ending with a bare CR (classic Mac) are lines")
  {
    // A CR-only bank was one long line: "the file is empty" after a comment.
    const auto loaded = load_text("# a comment\rid: t\rtitle: T\rversion: '1'\rbogus: 1\r");
    CHECK(loaded.errors
          == "bank.yaml:5:1: error: unknown field 'bogus' in bank\n    bogus: 1\n    "
             "^\n");
  }
  SECTION("an unclosed quote is reported as such")
  {
    // yaml-cpp accepts a single-quoted string closed by the end of the file
    // (it gave "missing required field 'version'"), and pairs a double quote
    // with the next one (it gave "end of map not found").
    CHECK(load_text("id: t\ntitle: 'unclosed\nversion: 1\n").errors
          == "bank.yaml:2:8: error: unclosed quote: the single-quoted string that starts here has "
             "no closing '\n    title: 'unclosed\n           ^\n");
    CHECK(load_text("id: t\ntitle: \"unclosed\nversion: \"1\"\n").headline
          == "bank.yaml:2:8: error: unclosed quote? the double-quoted string that starts here "
             "runs on to line 3, where the document breaks (end of map not found)\n");
  }
  SECTION("binary junk is escaped in the message and under the caret")
  {
    const auto loaded = load_text(k_head + "k\x01\x7f\xc2\x9b\xe2\x80\xae: 1\n");
    CHECK(loaded.errors.find("error: unknown field 'k\\x01\\x7F\\u009B\\u202E' in bank\n    "
                             "k????: 1\n    ^\n")
          != std::string::npos);
  }
  SECTION("numbers out of range, shown as written")
  {
    // Values of +-1e308 validated, then every answer on the scale was
    // "insufficient data" (max - min overflows); 100.0000000000001 was
    // refused as "not 100".
    const auto loaded = load_text(k_head
                                  + "scales:\n  - id: s\n    options:\n"
                                    "      - { value: -1e308, label: A }\n"
                                    "      - { value: 1E308, label: B }\n"
                                    "dimensions:\n  - { id: d, title: D, pass_mark: "
                                    "100.0000000000001 }\n");
    CHECK(loaded.headline
          == "bank.yaml:7:18: error: 'value' must be between -1000000 and 1000000, not -1e308\n"
             "bank.yaml:8:18: error: 'value' must be between -1000000 and 1000000, not 1E308\n"
             "bank.yaml:10:5: warning: dimension 'd' has no questions\n"
             "bank.yaml:10:5: warning: dimension 'd' has no recommendation for any score\n"
             "bank.yaml:10:35: error: 'pass_mark' must be between 0 and 100, not "
             "100.0000000000001\n");
  }
  SECTION("a 10 MB line is quoted around the column only")
  {
    const std::string text = "id: t\ntitle: T\nversion: '1'\ndescription: "
                             + std::string(10'000'000, 'x') + "\nbogus: 1\n";
    const auto loaded = load_text(text);
    CHECK(loaded.errors
          == "bank.yaml:5:1: error: unknown field 'bogus' in bank\n    bogus: 1\n    ^\n");
  }
  SECTION("unknown fields, duplicate keys and wrong types")
  {
    const auto loaded = load_text(k_head
                                  + "titel: again\ntitle: twice\nscales: {}\nquestions:\n"
                                    "  - id: q1\n    text: [a]\n    reverse: maybe\n");
    CHECK(loaded.headline
          == "bank.yaml:4:1: error: unknown field 'titel' in bank, did you mean 'title'?\n"
             "bank.yaml:5:1: error: duplicate key 'title' in bank\n"
             "bank.yaml:6:9: error: 'scales' must be a list, not a mapping\n"
             "bank.yaml:8:5: error: missing required field 'dimension'\n"
             "bank.yaml:8:5: error: missing required field 'scale'\n"
             "bank.yaml:8:5: warning: question 'q1' has no 'help' saying why it matters\n"
             "bank.yaml:9:11: error: 'text' must be a string, not a list\n"
             "bank.yaml:10:14: error: 'reverse' must be true or false, not 'maybe'\n");
  }
  SECTION("ids")
  {
    const auto loaded = load_text("id: 'has space'\ntitle: T\nversion: '1'\n");
    CHECK(loaded.headline
          == "bank.yaml:1:5: error: invalid bank id 'has space': use letters, "
             "digits, '-', '_' and '.', starting with a letter or digit\n");
  }
}

TEST_CASE("bank::load, scale problems")
{
  const auto loaded = load_text(k_head + R"(scales:
  - id: one
    options: [{ value: 1, label: A }, { value: 1, label: B }]
  - id: two
    options:
      - { value: 1, label: Agree }
      - { value: 2, label: " agree ", special: dont-know }
      - { label: Nothing }
      - { special: dunno, label: Hm }
)");
  CHECK(
    loaded.headline
    == "bank.yaml:5:5: error: scale 'one' needs at least two options with different values (it "
       "has 1)\n"
       "bank.yaml:10:9: error: an option has either 'value' or 'special', not both\n"
       "bank.yaml:10:9: error: scale 'two': label ' agree ' already names the option at "
       "bank.yaml:9:9\n"
       "bank.yaml:11:9: error: an option needs a 'value' (or 'special: not-applicable' or "
       "'special: dont-know')\n"
       "bank.yaml:12:20: error: 'special' must be 'not-applicable' or 'dont-know', not 'dunno'\n");
}

TEST_CASE("bank::load, range scales")
{
  SECTION("a 0-100 slider becomes 101 value options, then its special options")
  {
    const auto loaded = load_text(k_head + R"(scales:
  - id: slider
    title: Slider
    range: [0, 100]
    options:
      - { special: not-applicable, label: Not applicable, aliases: [N/A] }
)");
    CHECK(loaded.errors.empty());
    REQUIRE(loaded.result.bank);
    const bank::Scale& scale = loaded.result.bank->scales.at(0);
    REQUIRE(scale.range);
    CHECK(scale.range->min == 0);
    CHECK(scale.range->max == 100);
    CHECK(scale.range->step == 1);
    CHECK(scale.range->text() == "0 to 100");
    REQUIRE(scale.options.size() == 102);
    for (std::size_t i = 0; i <= 100; ++i) {
      CHECK(scale.options[i].kind == bank::OptionKind::value);
      CHECK(scale.options[i].value == static_cast<double>(i));
      CHECK(scale.options[i].label == std::to_string(i));
      CHECK(scale.options[i].loc.line == 7);
      CHECK(scale.options[i].loc.column == 12);
    }
    CHECK(scale.options[101].kind == bank::OptionKind::not_applicable);
    CHECK(scale.options[101].label == "Not applicable");
    CHECK(scale.min == 0);
    CHECK(scale.max == 100);
  }
  SECTION("a step, fractions labelled as written, negative ends")
  {
    const auto loaded = load_text(k_head + R"(scales:
  - { id: half, range: [0.5, 2], step: 0.5 }
  - { id: tenths, range: [0.1, 0.4], step: 0.1 }
  - { id: centred, range: [-3, 3], step: 3 }
)");
    CHECK(loaded.errors.empty());
    REQUIRE(loaded.result.bank);
    const auto labels = [&](std::size_t s) {
      std::string out;
      for (const auto& option : loaded.result.bank->scales.at(s).options) {
        out += (out.empty() ? "" : " ") + option.label;
      }
      return out;
    };
    CHECK(labels(0) == "0.5 1 1.5 2");
    CHECK(labels(1) == "0.1 0.2 0.3 0.4");
    CHECK(labels(2) == "-3 0 3");
    // Snapped to the grid: 0.1 + 2 x 0.1 is the double nearest 0.3.
    CHECK(loaded.result.bank->scales.at(1).options[2].value == 0.3);
    CHECK(loaded.result.bank->scales.at(0).range->text() == "0.5 to 2 in steps of 0.5");
  }
  SECTION("JSON, with the positions of the range")
  {
    const auto loaded = load({{"bank.json", R"({"id": "t", "title": "T", "version": "1",
 "scales": [{"id": "nps", "range": [0, 10]}]})"}},
                             "bank.json");
    CHECK(loaded.errors.empty());
    REQUIRE(loaded.result.bank);
    CHECK(loaded.result.bank->scales.at(0).options.size() == 11);
    CHECK(loaded.result.bank->scales.at(0).options[10].loc.line == 2);
  }
}

TEST_CASE("bank::load, range scale errors")
{
  // Each broken range gives one error naming it, and no second one saying
  // the scale has too few options.
  const auto check = [](const std::string& scale, const std::string& expected) {
    const auto loaded = load_text(k_head + "scales:\n" + scale);
    CHECK(loaded.errors == expected);
  };
  SECTION("not a list of two")
  {
    check("  - { id: s, range: [0, 5, 10] }\n",
          "bank.yaml:5:21: error: 'range' must be a list of two numbers, [min, max], not a list "
          "of 3\n"
          "      - { id: s, range: [0, 5, 10] }\n"
          "                        ^\n");
    check("  - { id: s, range: 10 }\n",
          "bank.yaml:5:21: error: 'range' must be a list of two numbers, [min, max], not a "
          "number\n"
          "      - { id: s, range: 10 }\n"
          "                        ^\n");
  }
  SECTION("not finite numbers")
  {
    check("  - { id: s, range: [0, .inf] }\n",
          "bank.yaml:5:25: error: 'range' must be two numbers, [min, max]: '.inf' is not a finite "
          "number\n"
          "      - { id: s, range: [0, .inf] }\n"
          "                            ^\n");
    check("  - { id: s, range: [\"0\", 10] }\n",
          "bank.yaml:5:22: error: 'range' must be two numbers, [min, max]: '0' is not a finite "
          "number\n"
          "      - { id: s, range: [\"0\", 10] }\n"
          "                         ^\n");
  }
  SECTION("min not below max")
  {
    check("  - { id: s, range: [10, 0] }\n",
          "bank.yaml:5:21: error: 'range' minimum 10 must be below its maximum 0\n"
          "      - { id: s, range: [10, 0] }\n"
          "                        ^\n");
    check("  - { id: s, range: [5, 5] }\n",
          "bank.yaml:5:21: error: 'range' minimum 5 must be below its maximum 5\n"
          "      - { id: s, range: [5, 5] }\n"
          "                        ^\n");
  }
  SECTION("too large")
  {
    check("  - { id: s, range: [0, 2e6], step: 100000 }\n",
          "bank.yaml:5:21: error: 'range' must lie between -1000000 and 1000000, not [0, 2e6]\n"
          "      - { id: s, range: [0, 2e6], step: 100000 }\n"
          "                        ^\n");
  }
  SECTION("a step that is not positive or not a number")
  {
    check("  - { id: s, range: [0, 10], step: 0 }\n",
          "bank.yaml:5:36: error: 'step' must be a positive number (at least 0.000001), not 0\n"
          "      - { id: s, range: [0, 10], step: 0 }\n"
          "                                       ^\n");
    check("  - { id: s, range: [0, 10], step: -1 }\n",
          "bank.yaml:5:36: error: 'step' must be a positive number (at least 0.000001), not -1\n"
          "      - { id: s, range: [0, 10], step: -1 }\n"
          "                                       ^\n");
    check("  - { id: s, range: [0, 10], step: one }\n",
          "bank.yaml:5:36: error: 'step' must be a number, not 'one'\n"
          "      - { id: s, range: [0, 10], step: one }\n"
          "                                       ^\n");
  }
  SECTION("not a whole number of steps")
  {
    check("  - { id: s, range: [0, 100], step: 7 }\n",
          "bank.yaml:5:37: error: 'range' [0, 100] is not a whole number of steps of 7 (100 - 0 "
          "is 14.285714 steps)\n"
          "      - { id: s, range: [0, 100], step: 7 }\n"
          "                                        ^\n");
    check("  - { id: s, range: [0, 2.5] }\n",
          "bank.yaml:5:21: error: 'range' [0, 2.5] is not a whole number of steps of 1 (2.5 - 0 "
          "is 2.5 steps)\n"
          "      - { id: s, range: [0, 2.5] }\n"
          "                        ^\n");
    check("  - { id: s, range: [0, 1], step: 2 }\n",
          "bank.yaml:5:35: error: 'range' [0, 1] is not a whole number of steps of 2 (1 - 0 is "
          "0.5 steps)\n"
          "      - { id: s, range: [0, 1], step: 2 }\n"
          "                                      ^\n");
  }
  SECTION("more than 101 points")
  {
    check("  - { id: s, range: [0, 1000] }\n",
          "bank.yaml:5:21: error: 'range' [0, 1000] in steps of 1 has 1001 points; a scale has at "
          "most 101 (make 'step' larger)\n"
          "      - { id: s, range: [0, 1000] }\n"
          "                        ^\n");
    check("  - { id: s, range: [0, 10], step: 0.05 }\n",
          "bank.yaml:5:36: error: 'range' [0, 10] in steps of 0.05 has 201 points; a scale has at "
          "most 101 (make 'step' larger)\n"
          "      - { id: s, range: [0, 10], step: 0.05 }\n"
          "                                       ^\n");
  }
  SECTION("value options beside a range, a step without one")
  {
    const auto loaded = load_text(k_head + R"(scales:
  - id: s
    range: [0, 10]
    options:
      - { value: 11, label: Eleven }
      - { special: dont-know, label: "5" }
  - { id: t, step: 2, options: [{ value: 0, label: A }, { value: 1, label: B }] }
)");
    CHECK(loaded.headline
          == "bank.yaml:8:9: error: a scale with a 'range' takes only special options ('special: "
             "not-applicable', 'special: dont-know'); the range gives the values\n"
             "bank.yaml:9:9: error: scale 's': label '5' already names the option at "
             "bank.yaml:6:12\n"
             "bank.yaml:10:20: error: 'step' goes with 'range: [min, max]'\n");
  }
  SECTION("a choice question on a range")
  {
    const auto loaded = load_text(k_head + R"(scales:
  - { id: s, range: [0, 10] }
dimensions:
  - { id: d, title: D }
ladders:
  - id: l
    title: L
    stages:
      - { id: a, title: A }
      - { id: b, title: B, criteria: [{ dimension: d, min: 50 }] }
questions:
  - { id: q1, dimension: d, scale: s, text: One, help: h }
  - { id: q2, dimension: d, scale: s, text: Two, help: h }
  - { id: pick, target_of: l, scale: s, text: Which one, help: h }
recommendations: [{ id: r, dimension: d, text: Do it }]
)");
    CHECK(loaded.headline
          == "bank.yaml:17:38: error: question 'pick' chooses a stage of ladder 'l' on scale 's', "
             "a 'range': a choice question needs options naming stages\n");
  }
}

TEST_CASE("bank::load, ladders")
{
  const std::string base = k_head + k_scale + R"(dimensions:
  - { id: d, title: D }
  - { id: e, title: E, pass_mark: 50 }
  - { id: empty, title: Empty }
questions:
  - { id: q1, dimension: d, scale: yn, text: One, help: h }
  - { id: q2, dimension: d, scale: yn, text: Two, help: h }
  - { id: q3, dimension: e, scale: yn, text: Three, help: h }
  - { id: q4, dimension: e, scale: yn, text: Four, help: h }
recommendations:
  - { id: rd, dimension: d, text: D }
  - { id: re, dimension: e, text: E }
  - { id: rx, dimension: empty, text: X }
)";
  SECTION("criteria that can never be met")
  {
    const auto loaded = load_text(base + R"(ladders:
  - id: l
    title: L
    stages:
      - { id: s0, title: Start, criteria: [{ dimension: d, min: 10 }] }
      - id: s1
        title: One
      - id: s2
        title: Two
        criteria:
          - { dimension: empty, min: 10 }
          - { dimension: d, min: 101 }
          - { ladder: l, stage: s1 }
          - { dimension: d, ladder: l }
)");
    CHECK(loaded.headline
          == "bank.yaml:13:5: warning: dimension 'empty' has no questions\n"
             "bank.yaml:27:9: error: stage 's0' is the starting point of ladder 'l' and cannot "
             "have criteria\n"
             "bank.yaml:28:9: error: stage 's1' of ladder 'l' has no criteria; every stage above "
             "the starting point needs at least one\n"
             "bank.yaml:33:26: error: stage 's2' can never be reached: dimension 'empty' has no "
             "questions\n"
             "bank.yaml:34:34: error: 'min' must be between 0 and 100, not 101\n"
             "bank.yaml:35:23: error: stage 's2' refers to its own ladder 'l'; lower stages of a "
             "ladder are required anyway\n"
             "bank.yaml:36:13: error: a criterion is either '{ dimension: ID, min: N }' or '{ "
             "ladder: ID, stage: ID }'\n");
  }
  SECTION("stages that wait for each other across ladders")
  {
    const auto loaded = load_text(base + R"(ladders:
  - id: a
    title: A
    stages:
      - { id: s0, title: Start }
      - { id: s1, title: One, criteria: [{ dimension: d, min: 10 }] }
      - { id: s2, title: Two, criteria: [{ ladder: b, stage: s1 }] }
  - id: b
    title: B
    stages:
      - { id: s0, title: Start }
      - { id: s1, title: One, criteria: [{ ladder: a, stage: s2 }] }
)");
    CHECK(loaded.headline
          == "bank.yaml:13:5: warning: dimension 'empty' has no questions\n"
             "bank.yaml:34:52: error: these stages require each other and can "
             "never be reached: a/s2 -> b/s1 -> a/s2\n");
  }
  SECTION("a cross-ladder requirement that can be met is fine")
  {
    const auto loaded = load_text(base + R"(ladders:
  - id: a
    title: A
    stages:
      - { id: s0, title: Start }
      - { id: s1, title: One, criteria: [{ dimension: d, min: 10 }] }
      - { id: s2, title: Two, criteria: [{ ladder: b, stage: s1 }] }
  - id: b
    title: B
    stages:
      - { id: s0, title: Start }
      - { id: s1, title: One, criteria: [{ ladder: a, stage: s1 }] }
)");
    CHECK(loaded.headline == "bank.yaml:13:5: warning: dimension 'empty' has no questions\n");
  }
}

TEST_CASE("bank::load, dangling references suggest the closest id")
{
  const auto loaded = load_text(k_head + k_scale + R"(dimensions:
  - { id: contact, title: Contact, pass_mark: 50 }
questions:
  - { id: q1, dimension: contcat, scale: ny, text: One, help: h }
  - { id: q1, dimension: contact, scale: yn, text: Two, help: h }
ladders:
  - id: l
    title: L
    target: tpo
    stages:
      - { id: s0, title: Start }
      - { id: top, title: Top, criteria: [{ ladder: m, stage: x }] }
recommendations:
  - { id: r1, ladder: l, stage: s0, text: Nothing to climb }
  - { id: r2, ladder: l, stage: topp, text: Typo }
  - { id: r3, dimension: contact, ladder: l, stage: top, text: Both }
  - { id: r4, dimension: contact, band: [50, 20], text: Reversed }
)");
  CHECK(
    loaded.headline
    == "bank.yaml:11:5: warning: dimension 'contact' has a single question; its score rests "
       "on one answer\n"
       "bank.yaml:13:26: error: question 'q1' refers to unknown dimension 'contcat', did you "
       "mean 'contact'?\n"
       "bank.yaml:13:42: error: question 'q1' refers to unknown scale 'ny', did you mean "
       "'yn'?\n"
       "bank.yaml:14:5: error: duplicate question id 'q1' (first defined at bank.yaml:13:5)\n"
       "bank.yaml:18:13: error: ladder 'l' has target 'tpo', which is not one of its stages, "
       "did you mean 'top'?\n"
       "bank.yaml:21:53: error: stage 'top' refers to unknown ladder 'm'\n"
       "bank.yaml:23:33: error: recommendation 'r1' points to the starting stage 's0' of ladder "
       "'l', which is never a step to take\n"
       "bank.yaml:24:33: error: recommendation 'r2' refers to unknown stage 'topp' of ladder "
       "'l', did you mean 'top'?\n"
       "bank.yaml:25:5: error: recommendation 'r3' points to both a dimension and a ladder "
       "stage; give one\n"
       "bank.yaml:26:41: error: 'band' minimum 50 must be below its maximum 20\n");
}

TEST_CASE("bank::load, includes")
{
  const std::string scales = "id: s\ntitle: Scales\nversion: '1'\n" + k_scale;
  const std::string questions = R"(dimensions:
  - { id: d, title: D, pass_mark: 50 }
questions:
  - { id: q1, dimension: d, scale: yn, text: One, help: h }
  - { id: q2, dimension: d, scale: yn, text: Two, help: h }
recommendations:
  - { id: r, dimension: d, text: R }
)";
  SECTION("included content comes first; a diamond is loaded once")
  {
    const auto loaded =
      load({{"main.yaml", k_head + "include: [part.yaml, lib/scales.yaml]\n" + questions},
            {"part.yaml", "id: p\ntitle: P\nversion: '1'\ninclude: [lib/scales.yaml]\n"},
            {"lib/scales.yaml", scales}},
           "main.yaml");
    CHECK(loaded.errors.empty());
    REQUIRE(loaded.result.bank);
    CHECK(loaded.result.bank->id == "t");
    REQUIRE(loaded.result.bank->scales.size() == 1);
    CHECK(loaded.result.bank->scales[0].loc.file == "lib/scales.yaml");
    CHECK(loaded.result.bank->includes == std::vector<std::string>{"part.yaml", "lib/scales.yaml"});
  }
  SECTION("cycle")
  {
    const auto loaded =
      load({{"a.yaml", "id: a\ntitle: A\nversion: '1'\ninclude: [sub/b.yaml]\n"},
            {"sub/b.yaml", "id: b\ntitle: B\nversion: '1'\ninclude: [../a.yaml]\n"}},
           "a.yaml");
    CHECK(loaded.errors
          == "sub/b.yaml:4:11: error: include cycle: a.yaml -> b.yaml -> a.yaml\n"
             "    include: [../a.yaml]\n              ^\n");
  }
  SECTION("a bank including itself")
  {
    const auto loaded =
      load({{"a.yaml", "id: a\ntitle: A\nversion: '1'\ninclude: [./a.yaml]\n"}}, "a.yaml");
    CHECK(loaded.headline == "a.yaml:4:11: error: include cycle: a.yaml -> a.yaml\n");
  }
  SECTION("escaping the folder; the bundled folder is allowed")
  {
    const auto loaded =
      load({{"dir/a.yaml",
             k_head + "include: [../secret.yaml, ../bundled/s.yaml, /etc/passwd]\n" + questions},
            {"secret.yaml", scales},
            {"bundled/s.yaml", scales}},
           "dir/a.yaml");
    CHECK(
      loaded.headline
      == "dir/a.yaml:4:11: error: include '../secret.yaml' leaves the bank's folder; includes "
         "may only point into the folder of the bank being loaded (or below it) or into the "
         "bundled banks folder\n"
         "dir/a.yaml:4:46: error: include '/etc/passwd' must be a path relative to this bank\n");
  }
  SECTION("missing include and errors inside an included file")
  {
    const auto loaded = load({{"a.yaml", k_head + "include: [gone.yaml, bad.yaml]\n"},
                              {"bad.yaml", "id: b\ntitle: B\nversion: '1'\nscales: [{ id: x }]\n"}},
                             "a.yaml");
    CHECK(
      loaded.headline
      == "a.yaml:4:11: error: cannot read included bank 'gone.yaml': No such file or directory\n"
         "bad.yaml:4:10: error: missing required field 'options' (or 'range')\n"
         "bad.yaml:4:10: error: scale 'x' needs at least two options with different values (it "
         "has 0)\n");
  }
  SECTION("duplicate ids across files name both places")
  {
    const auto loaded = load({{"a.yaml", k_head + "include: [b.yaml]\n" + k_scale},
                              {"b.yaml", "id: b\ntitle: B\nversion: '1'\n" + k_scale}},
                             "a.yaml");
    CHECK(loaded.headline
          == "a.yaml:6:5: error: duplicate scale id 'yn' (first defined at b.yaml:5:5)\n");
  }
}

TEST_CASE("bank::load_valid_bank")
{
  util::MemoryFileReader reader;
  reader.add("bad.yaml", "id: b\ntitle: B\n");
  bank::LoadOptions options;
  options.reader = &reader;
  REQUIRE_THROWS_WITH(bank::load_valid_bank("bad.yaml", options),
                      "invalid bank 'bad.yaml' (1 error); run 'centricity validate bad.yaml'\n"
                      "bad.yaml:1:1: error: missing required field 'version'\n"
                      "    id: b\n"
                      "    ^");
}
