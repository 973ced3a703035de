#include <centricity/answers/matcher.hpp>
#include <centricity/assess/terminal.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

namespace centricity::assess {

namespace {

// Alternate screen and hidden cursor while questions are on screen; the
// reset undoes both and any colour left on.
constexpr std::string_view k_enter_screen = "\x1b[?1049h\x1b[?25l";
constexpr std::string_view k_reset_screen = "\x1b[0m\x1b[?25h\x1b[?1049l";
constexpr std::string_view k_clear = "\x1b[H\x1b[2J";

// How long to wait for the rest of an escape sequence before taking a lone
// Escape key.
constexpr int k_escape_ms = 50;

// State shared with the signal handler: only sig_atomic_t flags, plain data
// written while the handler is told to ignore it, and async-signal-safe calls.
volatile std::sig_atomic_t g_stop = 0;
volatile std::sig_atomic_t g_protect = 0;
std::array<int, 2> g_pipe = {-1, -1};
int g_tty_in = -1;
int g_tty_out = -1;
termios g_saved{};
std::array<char, 64> g_reset{};
std::size_t g_reset_length = 0;

constexpr std::array<int, 6> k_signals = {SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT, SIGTSTP};
std::array<struct sigaction, k_signals.size()> g_previous{};
bool g_installed = false;

void restore_from_handler()
{
  if (g_protect != 0) {
    ::tcsetattr(g_tty_in, TCSANOW, &g_saved);
    [[maybe_unused]] const ssize_t ignored = ::write(g_tty_out, g_reset.data(), g_reset_length);
  }
}

void notify(int signal_number)
{
  const char byte = static_cast<char>(signal_number);
  [[maybe_unused]] const ssize_t ignored = ::write(g_pipe[1], &byte, 1);
}

void install(int signal_number);

void on_signal(int signal_number)
{
  const int saved_errno = errno;
  switch (signal_number) {
  case SIGINT:
  case SIGTERM:
  case SIGHUP:
    restore_from_handler();
    if (g_stop != 0) {
      // A second stop signal: the main loop did not get there in time.
      // Answers are saved after each one, so nothing is lost.
      ::_exit(static_cast<int>(ExitCode::interrupted));
    }
    g_stop = signal_number;
    break;
  case SIGTSTP: {
    // Ctrl-Z: give the shell a sane terminal, stop for real, and on
    // continuing ask the main loop to take the terminal back and redraw.
    restore_from_handler();
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigemptyset(&default_action.sa_mask);
    ::sigaction(SIGTSTP, &default_action, nullptr);
    sigset_t unblock;
    ::sigemptyset(&unblock);
    ::sigaddset(&unblock, SIGTSTP);
    ::sigprocmask(SIG_UNBLOCK, &unblock, nullptr);
    ::kill(::getpid(), SIGTSTP);
    install(SIGTSTP);
    signal_number = SIGCONT;
    break;
  }
  default:
    break;
  }
  notify(signal_number);
  errno = saved_errno;
}

void install(int signal_number)
{
  struct sigaction action {};
  action.sa_handler = on_signal;
  ::sigemptyset(&action.sa_mask);
  // Restart slow calls (the atomic answers write) rather than fail them
  // with EINTR; poll() still wakes through the pipe.
  action.sa_flags = SA_RESTART;
  ::sigaction(signal_number, &action, nullptr);
}

bool utf8_locale()
{
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      const std::string lower = util::to_lower(value);
      return lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos;
    }
  }
  return false;
}

// Rows of terminal `fd`, or 0 when unknown (then screens are not fitted).
std::size_t rows_of(int fd)
{
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_row > 0) {
    return size.ws_row;
  }
  if (const char* lines = std::getenv("LINES"); lines != nullptr) {
    const long value = std::strtol(lines, nullptr, 10);
    if (value > 0) {
      return static_cast<std::size_t>(value);
    }
  }
  return 0;
}

std::size_t columns_of(int fd)
{
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const long value = std::strtol(columns, nullptr, 10);
    if (value > 0) {
      return static_cast<std::size_t>(value);
    }
  }
  return 80;
}

// The row whose key is `key`, or rows.size().
std::size_t row_with_key(const std::vector<OptionRow>& rows, std::string_view key)
{
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].key == key) {
      return r;
    }
  }
  return rows.size();
}

} // namespace

Style terminal_style(int fd)
{
  Style style;
  const bool tty = ::isatty(fd) == 1;
  style.color = want_color(tty, std::getenv("TERM"), std::getenv("NO_COLOR"));
  style.unicode = utf8_locale();
  style.width = columns_of(fd);
  style.height = tty ? rows_of(fd) : 0;
  return style;
}

// --- SignalWatch -----------------------------------------------------------

SignalWatch::SignalWatch()
{
  if (g_installed) {
    throw Error("internal error: a second SignalWatch");
  }
  if (::pipe2(g_pipe.data(), O_CLOEXEC | O_NONBLOCK) != 0) {
    throw Error(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  g_stop = 0;
  g_protect = 0;
  for (std::size_t i = 0; i < k_signals.size(); ++i) {
    ::sigaction(k_signals[i], nullptr, &g_previous[i]);
    install(k_signals[i]);
  }
  g_installed = true;
}

SignalWatch::~SignalWatch()
{
  g_protect = 0;
  for (std::size_t i = 0; i < k_signals.size(); ++i) {
    ::sigaction(k_signals[i], &g_previous[i], nullptr);
  }
  ::close(g_pipe[0]);
  ::close(g_pipe[1]);
  g_pipe = {-1, -1};
  g_installed = false;
}

int SignalWatch::fd() const
{
  return g_pipe[0];
}

int SignalWatch::stop_signal()
{
  return static_cast<int>(g_stop);
}

bool SignalWatch::drain()
{
  bool redraw = false;
  std::array<char, 64> bytes{};
  for (;;) {
    const ssize_t n = ::read(g_pipe[0], bytes.data(), bytes.size());
    if (n <= 0) {
      break;
    }
    for (ssize_t i = 0; i < n; ++i) {
      const int signal_number = static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
      redraw = redraw || signal_number == SIGWINCH || signal_number == SIGCONT;
    }
  }
  return redraw;
}

void SignalWatch::protect_terminal(int in_fd, int out_fd, const termios& saved,
                                   std::string_view reset)
{
  g_protect = 0; // the handler must not read the fields while they change
  g_tty_in = in_fd;
  g_tty_out = out_fd;
  g_saved = saved;
  g_reset_length = std::min(reset.size(), g_reset.size());
  std::memcpy(g_reset.data(), reset.data(), g_reset_length);
  g_protect = 1;
}

void SignalWatch::unprotect_terminal()
{
  g_protect = 0;
}

// --- Keys --------------------------------------------------------------------

std::optional<Key> decode_key(std::string_view bytes, std::size_t& used)
{
  used = 0;
  if (bytes.empty()) {
    return std::nullopt;
  }
  const char first = bytes[0];
  if (first == '\x1b') {
    if (bytes.size() == 1) {
      return std::nullopt;
    }
    if (bytes[1] != '[' && bytes[1] != 'O') {
      used = 1; // Alt+key or a lone Escape followed by a key
      return Key{KeyKind::escape, 0};
    }
    // CSI or SS3: parameters, then a final byte in 0x40..0x7E.
    for (std::size_t i = 2; i < bytes.size(); ++i) {
      const auto byte = static_cast<unsigned char>(bytes[i]);
      if (byte >= 0x40 && byte <= 0x7E) {
        used = i + 1;
        switch (bytes[i]) {
        case 'A':
          return Key{KeyKind::up, 0};
        case 'B':
          return Key{KeyKind::down, 0};
        case 'C':
          return Key{KeyKind::right, 0};
        case 'D':
          return Key{KeyKind::left, 0};
        default:
          return Key{KeyKind::escape, 0};
        }
      }
      if (i >= 16) {
        used = i + 1; // not a sequence we know: drop it
        return Key{KeyKind::escape, 0};
      }
    }
    return std::nullopt;
  }
  used = 1;
  switch (first) {
  case '\r':
    if (bytes.size() > 1 && bytes[1] == '\n') {
      used = 2;
    }
    return Key{KeyKind::enter, 0};
  case '\n':
    return Key{KeyKind::enter, 0};
  case '\x7f':
  case '\b':
    return Key{KeyKind::backspace, 0};
  case '\x04':
    return Key{KeyKind::end_of_input, 0};
  default:
    return Key{KeyKind::character, first};
  }
}

// --- TerminalPrompter --------------------------------------------------------

TerminalPrompter::TerminalPrompter(int in_fd, int out_fd, SignalWatch& signals)
  : m_in(in_fd)
  , m_out(out_fd)
  , m_signals(&signals)
  , m_style(terminal_style(out_fd))
{
  if (::tcgetattr(m_in, &m_saved) != 0) {
    throw Error(fmt::format("standard input is not a terminal: {}", std::strerror(errno)),
                ExitCode::usage);
  }
  SignalWatch::protect_terminal(m_in, m_out, m_saved, k_reset_screen);
  m_active = true;
  enter_raw();
}

TerminalPrompter::~TerminalPrompter()
{
  restore();
}

void TerminalPrompter::enter_raw()
{
  termios raw = m_saved;
  // No line buffering and no echo; ISIG stays on so Ctrl-C raises SIGINT
  // and reaches the same path as a kill. ICRNL off: Enter arrives as \r.
  raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | IEXTEN);
  raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  ::tcsetattr(m_in, TCSAFLUSH, &raw);
  write_all(k_enter_screen);
}

void TerminalPrompter::restore()
{
  if (!m_active) {
    return;
  }
  m_active = false;
  SignalWatch::unprotect_terminal();
  ::tcsetattr(m_in, TCSAFLUSH, &m_saved);
  write_all(k_reset_screen);
}

void TerminalPrompter::write_all(std::string_view text) const
{
  while (!text.empty()) {
    const ssize_t n = ::write(m_out, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return; // the terminal is gone (EIO after a hang-up): nothing to show
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

void TerminalPrompter::draw(const std::string& screen)
{
  if (SignalWatch::stop_signal() != 0) {
    return; // the handler restored the terminal; do not draw over it
  }
  std::string out(k_clear);
  out += screen;
  write_all(out);
}

Key TerminalPrompter::wait_key()
{
  for (;;) {
    if (const int stop = SignalWatch::stop_signal(); stop != 0) {
      throw Interrupted(stop);
    }
    if (m_redraw) {
      m_redraw = false;
      return Key{KeyKind::resize, 0};
    }
    std::size_t used = 0;
    if (const auto key = decode_key(m_pending, used)) {
      m_pending.erase(0, used);
      return *key;
    }
    std::array<pollfd, 2> fds = {{{m_in, POLLIN, 0}, {m_signals->fd(), POLLIN, 0}}};
    // An incomplete escape sequence gets a moment to finish.
    const int timeout = m_pending.empty() ? -1 : k_escape_ms;
    const int ready = ::poll(fds.data(), fds.size(), timeout);
    if (ready < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw Interrupted(SIGHUP);
    }
    if (ready == 0) {
      m_pending.erase(0, 1); // a lone Escape
      return Key{KeyKind::escape, 0};
    }
    if ((fds[1].revents & POLLIN) != 0 && m_signals->drain()) {
      // Continued after Ctrl-Z or resized: take the terminal back, redraw.
      if (m_active) {
        SignalWatch::protect_terminal(m_in, m_out, m_saved, k_reset_screen);
        enter_raw();
      }
      const Style now = terminal_style(m_out);
      m_style.width = now.width;
      m_style.height = now.height;
      m_redraw = true;
      continue;
    }
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      std::array<char, 256> bytes{};
      const ssize_t n = ::read(m_in, bytes.data(), bytes.size());
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        continue;
      }
      if (n <= 0) {
        throw Interrupted(SIGHUP); // end of file or EIO: the terminal is gone
      }
      m_pending.append(bytes.data(), static_cast<std::size_t>(n));
    }
  }
}

Action TerminalPrompter::intro(const IntroView& view)
{
  for (;;) {
    draw(render_intro(view, m_style));
    const Key key = wait_key();
    if (key.kind == KeyKind::enter) {
      return {ActionKind::start, 0};
    }
    if (key.kind == KeyKind::end_of_input
        || (key.kind == KeyKind::character && (key.character == 'q' || key.character == 'Q'))) {
      return {ActionKind::quit, 0};
    }
  }
}

Action TerminalPrompter::ask(const QuestionView& view)
{
  QuestionView shown = view;
  const std::size_t rows = view.options.size();
  std::size_t cursor = view.current_row; // rows: no cursor yet
  const bool typed = view.scale->range.has_value();
  constexpr std::size_t k_max_entry = 16; // more than any number a range holds
  for (;;) {
    const QuestionScreen screen = layout_question(shown, cursor, m_style);
    draw(screen.text);
    const Key key = wait_key();
    shown.notice.clear();
    if (screen.too_small) {
      // The question is not on screen: take no answer to it, only q (or
      // Ctrl-D), ? (the help may be what does not fit) and a resize.
      if (key.kind == KeyKind::end_of_input
          || (key.kind == KeyKind::character && (key.character == 'q' || key.character == 'Q'))) {
        return {ActionKind::quit, 0};
      }
      if (key.kind == KeyKind::character && key.character == '?' && view.show_help) {
        return {ActionKind::help, 0};
      }
      continue;
    }
    switch (key.kind) {
    case KeyKind::resize:
    case KeyKind::escape:
      continue;
    case KeyKind::up:
      if (rows == 0) {
        continue; // a range without special options: nothing to move over
      }
      cursor = cursor == 0 || cursor >= rows ? rows - 1 : cursor - 1;
      continue;
    case KeyKind::down:
      if (rows == 0) {
        continue;
      }
      cursor = cursor + 1 >= rows ? 0 : cursor + 1;
      continue;
    case KeyKind::backspace:
      if (!shown.entry.empty()) {
        shown.entry.pop_back();
        continue;
      }
      return {ActionKind::back, 0};
    case KeyKind::left:
      return {ActionKind::back, 0};
    case KeyKind::right:
      return {ActionKind::skip, 0};
    case KeyKind::enter:
      if (typed && !shown.entry.empty()) {
        std::string error;
        if (const auto option = typed_option(*view.scale, shown.entry, error)) {
          return {ActionKind::choose, *option};
        }
        shown.notice = error + ".";
        shown.entry.clear();
        continue;
      }
      if (cursor < rows) {
        return {ActionKind::choose, view.options[cursor].option};
      }
      shown.notice =
        typed ? fmt::format("Type a number from {}, or press s to skip.", view.scale->range->text())
              : "Choose an answer with its number or the arrow keys, or press s to "
                "skip.";
      continue;
    case KeyKind::end_of_input:
      return {ActionKind::quit, 0};
    case KeyKind::character:
      break;
    }
    const char c = key.character;
    if (typed && ((c >= '0' && c <= '9') || c == '-' || c == '.')) {
      // A range's number is typed, then entered; the cursor leaves the rows.
      if (shown.entry.size() < k_max_entry) {
        shown.entry += c;
      }
      cursor = rows;
      continue;
    }
    if (c >= '1' && c <= '9') {
      const std::size_t row = row_with_key(view.options, std::string(1, c));
      if (row < rows) {
        return {ActionKind::choose, view.options[row].option};
      }
      shown.notice = fmt::format("There is no option {} here.", c);
      continue;
    }
    switch (c) {
    case 'n':
    case 'N':
      return {ActionKind::not_applicable, 0};
    case 'd':
    case 'D':
      return {ActionKind::dont_know, 0};
    case 'b':
    case 'B':
      return {ActionKind::back, 0};
    case 's':
    case 'S':
      return {ActionKind::skip, 0};
    case '?':
    case 'h':
      return {ActionKind::help, 0};
    case 'q':
    case 'Q':
      return {ActionKind::quit, 0};
    case 'k':
      if (rows != 0) {
        cursor = cursor == 0 || cursor >= rows ? rows - 1 : cursor - 1;
      }
      continue;
    case 'j':
      if (rows != 0) {
        cursor = cursor + 1 >= rows ? 0 : cursor + 1;
      }
      continue;
    default:
      shown.notice = "Press a number to answer, ? for help, or q to save and quit.";
      continue;
    }
  }
}

Action TerminalPrompter::review(const EndView& view)
{
  EndView shown = view;
  for (;;) {
    draw(render_end(shown, m_style));
    const Key key = wait_key();
    shown.notice.clear();
    switch (key.kind) {
    case KeyKind::enter:
      return {ActionKind::finish, 0};
    case KeyKind::left:
    case KeyKind::backspace:
      return {ActionKind::back, 0};
    case KeyKind::end_of_input:
      return {ActionKind::quit, 0};
    case KeyKind::character:
      if (key.character == 'b' || key.character == 'B') {
        return {ActionKind::back, 0};
      }
      if (key.character == 'u' || key.character == 'U') {
        return {ActionKind::first_skipped, 0};
      }
      if (key.character == 'q' || key.character == 'Q') {
        return {ActionKind::quit, 0};
      }
      shown.notice = "Press Enter to see your results, b to go back, or q to save and quit.";
      continue;
    default:
      continue;
    }
  }
}

// --- LinePrompter -------------------------------------------------------------

std::optional<Action> parse_answer_line(std::string_view line, const bank::Scale& scale,
                                        const std::vector<OptionRow>& rows, std::string& error)
{
  const std::string_view text = util::trim(line);
  if (text.empty()) {
    return Action{ActionKind::skip, 0};
  }
  // On a range scale the number is the answer itself ("55", "7.5"), else
  // as in answers files ("10 - Extremely likely", "N/A"); a number that is
  // neither says what the range takes.
  if (scale.range) {
    if (const auto option = typed_option(scale, text, error)) {
      return Action{ActionKind::choose, *option};
    }
    const answers::Match match = answers::OptionMatcher(scale).match_text(text);
    if (match.option) {
      return Action{ActionKind::choose, *match.option};
    }
    if ((text[0] < '0' || text[0] > '9') && text[0] != '-' && text[0] != '.') {
      error = match.error;
    }
    return std::nullopt;
  }
  // A whole number is the option's number as the screen shows it, the same
  // key a person would press (not the option's value, which may start at 0).
  if (text.size() <= 4
      && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const auto number = static_cast<std::size_t>(std::stoul(std::string(text)));
    std::size_t seen = 0;
    for (const auto& row : rows) {
      if (scale.options[row.option].kind == bank::OptionKind::value && ++seen == number) {
        return Action{ActionKind::choose, row.option};
      }
    }
    error = fmt::format("there is no option {}: the options are numbered 1 to {}", number, seen);
    return std::nullopt;
  }
  const answers::OptionMatcher matcher(scale);
  const answers::Match match = matcher.match_text(text);
  if (!match.option) {
    error = match.error;
    return std::nullopt;
  }
  return Action{ActionKind::choose, *match.option};
}

LinePrompter::LinePrompter(int in_fd, SignalWatch& signals, std::string input_name)
  : m_in(in_fd)
  , m_signals(&signals)
  , m_name(std::move(input_name))
{
}

std::optional<std::string> LinePrompter::read_line()
{
  constexpr std::size_t k_max_line = std::size_t{64} * 1024;
  for (;;) {
    if (const int stop = SignalWatch::stop_signal(); stop != 0) {
      throw Interrupted(stop);
    }
    if (const auto end = m_buffer.find('\n'); end != std::string::npos) {
      std::string line = m_buffer.substr(0, end);
      m_buffer.erase(0, end + 1);
      if (!line.empty() && line.back() == '\r') {
        line.pop_back();
      }
      ++m_line;
      return line;
    }
    if (m_eof) {
      if (m_buffer.empty()) {
        return std::nullopt;
      }
      ++m_line;
      return std::exchange(m_buffer, {});
    }
    if (m_buffer.size() > k_max_line) {
      throw Error(fmt::format("{}:{}: line longer than 64 KiB", m_name, m_line + 1));
    }
    std::array<pollfd, 2> fds = {{{m_in, POLLIN, 0}, {m_signals->fd(), POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw Error(fmt::format("cannot read {}: {}", m_name, std::strerror(errno)));
    }
    if ((fds[1].revents & POLLIN) != 0) {
      m_signals->drain();
      continue;
    }
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      std::array<char, 4096> bytes{};
      const ssize_t n = ::read(m_in, bytes.data(), bytes.size());
      if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) {
          continue;
        }
        throw Error(fmt::format("cannot read {}: {}", m_name, std::strerror(errno)));
      }
      if (n == 0) {
        m_eof = true;
        continue;
      }
      m_buffer.append(bytes.data(), static_cast<std::size_t>(n));
    }
  }
}

Action LinePrompter::intro(const IntroView& /*view*/)
{
  return {ActionKind::start, 0};
}

Action LinePrompter::ask(const QuestionView& view)
{
  const auto line = read_line();
  if (!line) {
    return {ActionKind::finish, 0};
  }
  std::string error;
  const auto action = parse_answer_line(*line, *view.scale, view.options, error);
  if (!action) {
    throw Error(fmt::format("{}:{}: question {} ('{}'): {}", m_name, m_line, view.progress.question,
                            view.question->id, error),
                ExitCode::data);
  }
  return *action;
}

Action LinePrompter::review(const EndView& /*view*/)
{
  return {ActionKind::finish, 0};
}

} // namespace centricity::assess
