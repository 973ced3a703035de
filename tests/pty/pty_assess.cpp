// `centricity assess` driven through a pseudo-terminal, as a person would:
// keys in, screens out, then the saved answers file, the Result and the
// terminal's own settings are checked. Each test keeps its folder (named
// in the failure message) when it fails.

#include <centricity/answers/loader.hpp>
#include <centricity/bank/loader.hpp>
#include <centricity/util/strings.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace centricity;

namespace {

const char* const k_bank = CENTRICITY_TEST_DATA "/assess/small.yaml";

constexpr const char* k_left = "\x1b[D";
constexpr const char* k_right = "\x1b[C";
constexpr const char* k_down = "\x1b[B";
constexpr const char* k_ctrl_c = "\x03";

std::string slurp(const fs::path& path)
{
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A folder for one test, removed when the test passes (see keep()).
class TestDir {
public:
  explicit TestDir(const std::string& name)
    : m_path(fs::temp_directory_path() / ("centricity-pty-" + name))
  {
    fs::remove_all(m_path);
    fs::create_directories(m_path);
  }
  ~TestDir()
  {
    if (m_passed) {
      fs::remove_all(m_path);
    }
  }
  TestDir(const TestDir&) = delete;
  TestDir& operator=(const TestDir&) = delete;

  [[nodiscard]] const fs::path& path() const { return m_path; }
  // Called as the last line of a test: every REQUIRE before it held.
  void passed() { m_passed = true; }

private:
  fs::path m_path;
  bool m_passed = false;
};

// The binary running in a pseudo-terminal, of 90 x 40 cells unless told.
class PtyProcess {
public:
  PtyProcess(const fs::path& cwd, const std::vector<std::string>& args, bool no_color = true,
             unsigned short columns = 90, unsigned short rows = 40)
  {
    winsize size{};
    size.ws_col = columns;
    size.ws_row = rows;
    m_pid = ::forkpty(&m_master, nullptr, nullptr, &size);
    if (m_pid < 0) {
      FAIL("forkpty failed: " << std::strerror(errno));
    }
    if (m_pid == 0) {
      if (::chdir(cwd.c_str()) != 0) {
        ::_exit(126);
      }
      std::vector<std::string> env = {"PATH=/usr/bin:/bin", "TERM=xterm-256color", "LANG=C.UTF-8",
                                      "HOME=" + cwd.string()};
      if (no_color) {
        env.emplace_back("NO_COLOR=1");
      }
      std::vector<std::string> argv = {CENTRICITY_BINARY, "assess"};
      argv.insert(argv.end(), args.begin(), args.end());
      std::vector<char*> c_argv;
      c_argv.reserve(argv.size() + 1);
      for (auto& arg : argv) {
        c_argv.push_back(arg.data());
      }
      c_argv.push_back(nullptr);
      std::vector<char*> c_env;
      c_env.reserve(env.size() + 1);
      for (auto& entry : env) {
        c_env.push_back(entry.data());
      }
      c_env.push_back(nullptr);
      ::execve(CENTRICITY_BINARY, c_argv.data(), c_env.data());
      ::_exit(127);
    }
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
  }

  ~PtyProcess()
  {
    if (m_pid > 0 && m_status < 0) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, nullptr, 0);
    }
    if (m_master >= 0) {
      ::close(m_master);
    }
  }
  PtyProcess(const PtyProcess&) = delete;
  PtyProcess& operator=(const PtyProcess&) = delete;

  // Types `keys`.
  void send(std::string_view keys)
  {
    while (!keys.empty()) {
      const ssize_t n = ::write(m_master, keys.data(), keys.size());
      REQUIRE(n > 0);
      keys.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // Waits until `text` appears in the output after what earlier expects
  // consumed; fails after 10 s, showing the output.
  void expect(std::string_view text)
  {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      const auto found = m_output.find(text, m_mark);
      if (found != std::string::npos) {
        m_mark = found + text.size();
        return;
      }
      if (std::chrono::steady_clock::now() > deadline || !pump(100)) {
        INFO("output so far:\n" << m_output.substr(m_mark));
        FAIL("'" << std::string(text) << "' did not appear");
      }
    }
  }

  // Waits for the process to end; its exit status, or 128 + signal.
  int wait_exit()
  {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (m_status < 0) {
      int status = 0;
      const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
      if (done == m_pid) {
        m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        FAIL("the process did not exit; output:\n" << m_output.substr(m_mark));
      }
      pump(50);
    }
    while (pump(0)) {
    }
    return m_status;
  }

  void kill(int signal_number) const { ::kill(m_pid, signal_number); }
  [[nodiscard]] pid_t pid() const { return m_pid; }

  // Closes the terminal, as closing a terminal window does: the kernel
  // sends SIGHUP to the process.
  void hang_up()
  {
    ::close(m_master);
    m_master = -1;
  }

  // Resizes the terminal; the kernel sends SIGWINCH to the process.
  void resize(unsigned short columns, unsigned short rows) const
  {
    winsize size{};
    size.ws_col = columns;
    size.ws_row = rows;
    ::ioctl(m_master, TIOCSWINSZ, &size);
  }

  // The terminal's settings now (the master reports the slave's).
  [[nodiscard]] termios settings() const
  {
    termios t{};
    ::tcgetattr(m_master, &t);
    return t;
  }

  [[nodiscard]] const std::string& output() const { return m_output; }

  // The rows of the last screen drawn (after the last clear), without
  // escape sequences: what a person sees.
  [[nodiscard]] std::vector<std::string> screen() const
  {
    const std::string clear = "\x1b[H\x1b[2J";
    const auto start = m_output.rfind(clear);
    std::string text =
      start == std::string::npos ? m_output : m_output.substr(start + clear.size());
    std::string plain;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
        i += 2;
        while (i < text.size() && (text[i] < 0x40 || text[i] > 0x7E)) {
          ++i;
        }
        continue;
      }
      if (text[i] != '\r') {
        plain += text[i];
      }
    }
    std::vector<std::string> rows;
    std::istringstream in(plain);
    for (std::string row; std::getline(in, row);) {
      rows.push_back(row);
    }
    return rows;
  }

private:
  // Reads what is there within `timeout_ms`; false once the terminal is closed.
  bool pump(int timeout_ms)
  {
    if (m_master < 0) {
      return false;
    }
    pollfd fd{m_master, POLLIN, 0};
    if (::poll(&fd, 1, timeout_ms) <= 0) {
      return true;
    }
    char buffer[4096];
    const ssize_t n = ::read(m_master, buffer, sizeof buffer);
    if (n > 0) {
      m_output.append(buffer, static_cast<std::size_t>(n));
      return true;
    }
    return n < 0 && (errno == EAGAIN || errno == EINTR);
  }

  int m_master = -1;
  pid_t m_pid = -1;
  int m_status = -1;
  std::string m_output;
  std::size_t m_mark = 0;
};

// The answers saved in `path`, checked to be a valid answers file.
answers::Response saved_answers(const fs::path& path)
{
  static const bank::Questionnaire bank = bank::load_valid_bank(k_bank);
  const auto loaded = answers::load_answers({path.string()}, bank);
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  REQUIRE(loaded.responses.size() == 1);
  return loaded.responses.front();
}

// "listen-calls: 2  # 2-3 times" style lines of the answers file, in order.
std::vector<std::string> answer_lines(const fs::path& path)
{
  std::vector<std::string> out;
  std::istringstream in(slurp(path));
  std::string line;
  bool in_answers = false;
  while (std::getline(in, line)) {
    if (line.rfind("answers:", 0) == 0) {
      in_answers = true;
      continue;
    }
    if (in_answers && line.rfind("  #", 0) != 0) {
      out.push_back(line.substr(2));
    }
  }
  return out;
}

bool sane(const termios& t)
{
  return (t.c_lflag & ICANON) != 0 && (t.c_lflag & ECHO) != 0 && (t.c_iflag & ICRNL) != 0;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_CASE("assess in a terminal: answer, back and change, skip, N/A, help, finish")
{
  TestDir dir("full");
  INFO("files in " << dir.path());
  PtyProcess run(dir.path(), {"--bank", k_bank, "--respondent", "Alice", "--role", "CEO"});
  run.expect("Small assessment");
  run.expect("5 questions in 2 sections");
  run.expect("Press Enter to start, q to quit.");
  REQUIRE_FALSE(sane(run.settings())); // raw mode while it runs
  run.send("\r");
  run.expect("Question 1 of 5");
  run.send("2"); // listen-calls: Once
  run.expect("Question 2 of 5");
  run.send("4"); // listen-visits: Agree
  run.expect("Question 3 of 5");
  run.send(k_left); // back: listen-visits shows its answer
  run.expect("Question 2 of 5");
  run.expect("Agree  ✓ your answer");
  run.send("b"); // back again: listen-calls
  run.expect("Once  ✓ your answer");
  run.send("3"); // change it to 2-3 times
  run.expect("Question 2 of 5");
  run.send(k_right); // skip keeps Agree
  run.expect("Question 3 of 5");
  run.send("?");
  run.expect("Why this matters");
  run.expect("Summaries filter out the surprises that change decisions.");
  run.send("s"); // skip listen-reports
  run.expect("Question 4 of 5");
  run.send("n"); // act-fix: not applicable
  run.expect("Question 5 of 5");
  run.send(std::string(k_down) + k_down + "\r"); // act-budget: the second option, Disagree
  run.expect("All questions done");
  run.expect("3 answered");
  run.send("\r");
  run.expect("Your results: Small assessment");
  run.expect("Maturity: stage ");
  REQUIRE(run.wait_exit() == 0);
  // The alternate screen was left and the cursor shown again.
  REQUIRE(run.output().find("\x1b[?1049l") != std::string::npos);
  REQUIRE(run.output().rfind("\x1b[?25h") > run.output().rfind("\x1b[?25l"));
  REQUIRE(sane(run.settings()));

  REQUIRE(answer_lines(dir.path() / "centricity-answers.yaml")
          == Lines{"listen-calls: 2  # 2-3 times", "listen-visits: 4  # Agree", "listen-reports: ~",
                   "act-fix: \"Not applicable\"", "act-budget: 2  # Disagree"});
  const auto response = saved_answers(dir.path() / "centricity-answers.yaml");
  REQUIRE(response.respondent == "Alice");
  REQUIRE(*response.field("role") == "CEO");

  const auto result = nlohmann::json::parse(slurp(dir.path() / "centricity-report.json"));
  // listening: (66.67 + 75) / 2 (listen-reports skipped); acting: act-budget 25.
  REQUIRE(result.at("dimensions")[0].at("score").get<double>() == Approx((200.0 / 3 + 75) / 2));
  REQUIRE(result.at("dimensions")[1].at("score").get<double>() == Approx(25));
  REQUIRE(result.at("ladders")[0].at("stage").at("id") == "listening");
  REQUIRE(slurp(dir.path() / "centricity-report.md").find("# ") == 0);
  dir.passed();
}

TEST_CASE("assess in a terminal: range questions are typed, Backspace erases, Enter answers")
{
  TestDir dir("ranges");
  INFO("files in " << dir.path());
  PtyProcess run(dir.path(), {"--bank", CENTRICITY_TEST_DATA "/ranges/ranges.yaml", "--answers",
                              "mine.yaml", "-o", "report.md"});
  run.expect("Press Enter to start");
  run.send("\r");
  run.expect("Type a number from 0 to 10, then press Enter.");
  run.send("1");
  run.send("1");
  run.send("\r"); // 11: refused, nothing saved
  run.expect("11 is not a number from 0 to 10.");
  run.send("8");
  run.send("\x7f"); // Backspace erases the 8
  run.send("7");
  run.send("\r");
  run.expect("Question 2 of 4");
  run.send("d"); // return: Don't know, a row of its own
  run.expect("Type a number from 0 to 100, then press Enter.");
  run.send("55\r");
  run.expect("Question 4 of 4");
  run.send("-20\r");
  run.expect("All questions done");
  run.send("\r");
  REQUIRE(run.wait_exit() == 0);
  REQUIRE(sane(run.settings()));
  REQUIRE(answer_lines(dir.path() / "mine.yaml")
          == Lines{"recommend: 7  # 7", "return: \"Don't know\"", "data-share: 55  # 55",
                   "inward: -20  # -20"});
}

TEST_CASE("assess in a terminal: quit, then --resume at the first unanswered question")
{
  TestDir dir("quit-resume");
  INFO("files in " << dir.path());
  {
    PtyProcess run(dir.path(), {"--bank", k_bank, "--answers", "mine.yaml"});
    run.expect("Press Enter to start");
    run.send("\r");
    run.expect("Question 1 of 5");
    run.send("1");
    run.expect("Question 2 of 5");
    run.send("s");
    run.expect("Question 3 of 5");
    run.send("q");
    run.expect("1 of 5 questions answered; every answer is saved in mine.yaml.");
    run.expect("Continue with: centricity assess --answers mine.yaml --resume");
    REQUIRE(run.wait_exit() == 5); // q: stopped by choice, not interrupted
    REQUIRE(sane(run.settings()));
  }
  REQUIRE(answer_lines(dir.path() / "mine.yaml")
          == Lines{"listen-calls: 0  # Not once", "listen-visits: ~"});
  {
    // Without --resume the saved answers are not overwritten.
    PtyProcess run(dir.path(), {"--bank", k_bank, "--answers", "mine.yaml"});
    run.expect("'mine.yaml' already holds answers");
    REQUIRE(run.wait_exit() == 2);
  }
  {
    // The answers file names its bank: --resume needs nothing else.
    PtyProcess run(dir.path(), {"--answers", "mine.yaml", "--resume"});
    run.expect("Welcome back: 1 of 5 questions answered. You continue at question 3;");
    run.send("\r");
    run.expect("Question 3 of 5");
    run.send("5"); // listen-reports: Strongly agree (reverse-keyed: 0)
    run.expect("Question 4 of 5");
    run.send("d"); // act-fix: don't know
    run.expect("Question 5 of 5");
    run.send("5");
    run.expect("All questions done");
    run.expect("u       go to the first skipped question");
    run.send("u");
    run.expect("Question 2 of 5");
    run.expect("(skipped earlier)");
    run.send("3"); // listen-visits: Neither
    run.expect("Question 3 of 5");
    run.send("s");
    run.send("s");
    run.send("s");
    run.expect("All questions done");
    run.send("\r");
    run.expect("Your results");
    REQUIRE(run.wait_exit() == 0);
  }
  REQUIRE(answer_lines(dir.path() / "mine.yaml")
          == Lines{"listen-calls: 0  # Not once", "listen-visits: 3  # Neither agree nor disagree",
                   "listen-reports: 5  # Strongly agree", "act-fix: \"Don't know\"",
                   "act-budget: 5  # Strongly agree"});
  const auto result = nlohmann::json::parse(slurp(dir.path() / "centricity-report.json"));
  REQUIRE(result.at("dimensions")[0].at("score").get<double>() == Approx(50.0 / 3));
  REQUIRE(result.at("dimensions")[1].at("score").get<double>() == Approx(100));
  REQUIRE(result.at("ladders")[0].at("stage").at("id") == "starting");
  dir.passed();
}

TEST_CASE("assess in a terminal: Ctrl-C in the middle, then --resume")
{
  TestDir dir("ctrl-c");
  INFO("files in " << dir.path());
  {
    PtyProcess run(dir.path(), {"--bank", k_bank});
    run.expect("Press Enter to start");
    run.send("\r");
    run.expect("Question 1 of 5");
    run.send("4");
    run.expect("Question 2 of 5");
    run.send("2");
    run.expect("Question 3 of 5");
    run.send(k_ctrl_c);
    run.expect("centricity: interrupted (Ctrl-C)");
    run.expect("2 of 5 questions answered; every answer is saved in centricity-answers.yaml.");
    REQUIRE(run.wait_exit() == 130);
    REQUIRE(sane(run.settings()));
    REQUIRE(run.output().find("\x1b[?1049l") != std::string::npos);
  }
  REQUIRE(answer_lines(dir.path() / "centricity-answers.yaml")
          == Lines{"listen-calls: 3  # More than 3 times", "listen-visits: 2  # Disagree"});
  // No temporary file was left behind.
  REQUIRE(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
  {
    PtyProcess run(dir.path(), {"--bank", k_bank, "--resume"});
    run.expect("You continue at question 3");
    run.send("\r");
    run.expect("Question 3 of 5");
    run.send("1");
    run.expect("Question 4 of 5");
    run.send(k_ctrl_c);
    REQUIRE(run.wait_exit() == 130);
  }
  REQUIRE(saved_answers(dir.path() / "centricity-answers.yaml").answers[2].option == 0);
  dir.passed();
}

TEST_CASE("assess in a terminal: SIGTERM and a closed terminal (SIGHUP) keep every answer")
{
  TestDir dir("hangup");
  INFO("files in " << dir.path());
  {
    PtyProcess run(dir.path(), {"--bank", k_bank, "--answers", "term.yaml"});
    run.expect("Press Enter to start");
    run.send("\r");
    run.expect("Question 1 of 5");
    run.send("2");
    run.expect("Question 2 of 5");
    run.kill(SIGTERM);
    run.expect("centricity: interrupted (SIGTERM)");
    REQUIRE(run.wait_exit() == 130);
    REQUIRE(sane(run.settings()));
  }
  REQUIRE(answer_lines(dir.path() / "term.yaml") == Lines{"listen-calls: 1  # Once"});
  {
    PtyProcess run(dir.path(), {"--bank", k_bank, "--answers", "hup.yaml"});
    run.expect("Press Enter to start");
    run.send("\r");
    run.expect("Question 1 of 5");
    run.send("4");
    run.expect("Question 2 of 5");
    run.send("n");
    run.expect("Question 3 of 5");
    run.hang_up();
    REQUIRE(run.wait_exit() == 130);
  }
  REQUIRE(answer_lines(dir.path() / "hup.yaml")
          == Lines{"listen-calls: 3  # More than 3 times", "listen-visits: \"Not applicable\""});
  dir.passed();
}

TEST_CASE("assess in a terminal: colour only without NO_COLOR")
{
  TestDir dir("colour");
  INFO("files in " << dir.path());
  for (const bool no_color : {true, false}) {
    PtyProcess run(dir.path(), {"--bank", k_bank}, no_color);
    run.expect("Press Enter to start");
    run.send("q");
    REQUIRE(run.wait_exit() == 5); // q: stopped by choice, not interrupted
    const bool coloured = run.output().find("\x1b[1m") != std::string::npos;
    REQUIRE(coloured == !no_color);
  }
  REQUIRE_FALSE(fs::exists(dir.path() / "centricity-answers.yaml")); // nothing answered
  dir.passed();
}

TEST_CASE("assess in a terminal: a resized terminal is redrawn at its new width")
{
  TestDir dir("resize");
  INFO("files in " << dir.path());
  PtyProcess run(dir.path(), {"--bank", k_bank});
  run.expect("Press Enter to start");
  run.send("\r");
  run.expect("Question 1 of 5");
  run.send("1");
  run.send("1");
  run.expect("  Customer feedback reaches executives only as summary reports.\r\n");
  run.resize(40, 30);
  run.expect("  Customer feedback reaches executives\r\n  only as summary reports.\r\n");
  run.send("q");
  REQUIRE(run.wait_exit() == 5); // q: stopped by choice, not interrupted
  dir.passed();
}

TEST_CASE("assess in a terminal: a second session on the same answers file is refused")
{
  TestDir dir("two-sessions");
  INFO("files in " << dir.path());
  {
    PtyProcess first(dir.path(), {"--bank", k_bank});
    first.expect("Press Enter to start");
    first.send("\r");
    first.expect("Question 1 of 5");
    first.send("2");
    first.expect("Question 2 of 5");
    const std::string refused = "centricity: error: 'centricity-answers.yaml' is in use by another "
                                "'centricity assess' (process "
                                + std::to_string(first.pid())
                                + "); finish or quit that one first, or use another --answers file";
    for (const auto& args :
         {std::vector<std::string>{"--resume"}, std::vector<std::string>{"--bank", k_bank}}) {
      PtyProcess second(dir.path(), args);
      second.expect(refused);
      REQUIRE(second.wait_exit() == 2);
    }
    // The first session goes on saving, undisturbed.
    first.send("4");
    first.expect("Question 3 of 5");
    // A crash releases the lock: the kernel drops it with the process.
    first.kill(SIGKILL);
    REQUIRE(first.wait_exit() == 128 + SIGKILL);
  }
  REQUIRE(answer_lines(dir.path() / "centricity-answers.yaml")
          == Lines{"listen-calls: 1  # Once", "listen-visits: 4  # Agree"});
  {
    PtyProcess run(dir.path(), {"--resume"});
    run.expect("Welcome back: 2 of 5 questions answered.");
    run.send("q");
    REQUIRE(run.wait_exit() == 5); // q: stopped by choice, not interrupted
  }
  // A session that ends removes its lock file; only the answers remain.
  REQUIRE_FALSE(fs::exists(dir.path() / "centricity-answers.yaml.lock"));
  dir.passed();
}

namespace {

const char* const k_wide_bank = CENTRICITY_TEST_DATA "/assess/wide.yaml";

// Every row of `rows` within `columns` terminal columns, and no more rows
// than `height`: nothing wraps, nothing scrolls off the top.
void require_fits(const std::vector<std::string>& rows, std::size_t columns, std::size_t height)
{
  std::string shown;
  for (const auto& row : rows) {
    shown += row + "\n";
  }
  INFO("screen:\n" << shown);
  REQUIRE(rows.size() <= height);
  for (const auto& row : rows) {
    REQUIRE(util::display_width(row) <= columns);
  }
}

// The rows joined without any white space: a long word cut across rows
// reads the same as the text it came from, with its spaces taken out too.
std::string flat(const std::vector<std::string>& rows)
{
  std::string out;
  for (const auto& row : rows) {
    for (const char c : row) {
      if (c != ' ') {
        out += c;
      }
    }
  }
  return out;
}

std::string flat(std::string text)
{
  return flat(std::vector<std::string>{std::move(text)});
}

} // namespace

TEST_CASE("assess in a terminal: 40x12, the question stays whole and the options page")
{
  TestDir dir("small-terminal");
  INFO("files in " << dir.path());
  PtyProcess run(dir.path(), {"--bank", k_wide_bank}, true, 40, 12);
  run.expect("Press Enter to start, q to quit.");
  require_fits(run.screen(), 40, 12);
  run.send("\r");
  run.expect("more");
  auto rows = run.screen();
  require_fits(rows, 40, 12);
  // The whole question, from its first rocket to its last word.
  const std::string question =
    "🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀 Our teams launch 🚀 customer fixes ⌚ within a week; "
    "顧客中心の経営 is how we work, and the café crème of our service is ❤️ for every "
    "customer, "
    "every "
    "day, in every department.";
  CHECK(flat(rows).find(flat(question)) != std::string::npos);
  CHECK(flat(rows).find(flat("1 Strongly disagree 👎👎")) != std::string::npos);
  CHECK(flat(rows).find(flat("↓ 5 more")) != std::string::npos);
  // Down to the options below: the window follows the cursor.
  run.send(std::string(k_down) + k_down + k_down + k_down);
  run.expect("↑ 3 more · ↓ 2 more");
  rows = run.screen();
  require_fits(rows, 40, 12);
  CHECK(flat(rows).find(flat(question)) != std::string::npos);
  CHECK(flat(rows).find(flat("› 4 Agree")) != std::string::npos);
  run.send("\r"); // Agree, on an option that was off screen at first
  run.expect("Second question: résumé, naïve, 🙂.");
  require_fits(run.screen(), 40, 12);
  run.send("q");
  REQUIRE(run.wait_exit() == 5);
  REQUIRE(answer_lines(dir.path() / "centricity-answers.yaml")
          == Lines{"care-rockets: 4  # Agree"});
  dir.passed();
}

TEST_CASE("assess in a terminal: too small for the question says how large it must be")
{
  TestDir dir("too-small");
  INFO("files in " << dir.path());
  PtyProcess run(dir.path(), {"--bank", k_wide_bank}, true, 40, 30);
  run.expect("Press Enter to start");
  run.send("\r");
  run.expect("Question 1 of 2");
  run.resize(40, 8);
  run.expect("This window is 40×8: make it at");
  run.expect("saves and quits.");
  require_fits(run.screen(), 40, 8);
  CHECK(flat(run.screen())
        == flat("This window is 40×8: make it at least 40×12 to see the "
                "question and its answers. q saves and quits."));
  // Keys that would answer the question nobody can see do nothing.
  run.send("4");
  run.send("s");
  run.resize(40, 30);
  run.expect("Question 1 of 2");
  CHECK_FALSE(fs::exists(dir.path() / "centricity-answers.yaml"));
  run.send("2");
  run.expect("Question 2 of 2");
  run.send("q");
  REQUIRE(run.wait_exit() == 5);
  REQUIRE(answer_lines(dir.path() / "centricity-answers.yaml")
          == Lines{"care-rockets: 2  # Disagree"});
  dir.passed();
}
