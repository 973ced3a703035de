#!/usr/bin/python3
"""Runs every command the documentation shows, as a user would type it.

Examples are taken from
  - README.md and docs/*.md: fenced ```console blocks (each `$ ` line is a
    command, the lines after it its output), ```sh/```bash/```shell blocks
    (run whole), and indented blocks and other fenced blocks with a line that
    starts with `centricity `, `./` or `scripts/` or pipes into `centricity`
    (run whole);
  - the 'Examples:' lines of `centricity --help` and of every command's
    --help (each line on its own, one command's lines one after another).
Each block, and each command's examples, runs in a fresh copy of the
examples' folder (tests/data/docs-examples/folder.txt says what it holds),
with `centricity` on PATH, no terminal, and NO_COLOR=1, COLUMNS=100,
SOURCE_DATE_EPOCH=1767225600, EDITOR=true. A script must exit 0. A console
command must exit with the status its shown output ends with ("[exit N]", as
scripts/regen-docs writes it), else 0, and print exactly the output shown
(standard output and error together), or nothing when none is shown.

Markers on the line above a block (a blank line between is allowed):
  <!-- not run: REASON -->   the block cannot run in a test; REASON says why
  <!-- synopsis -->          a usage line: checked against --help, and it
                             must show every option --help lists
  <!-- file: NAME -->        the block's text is the file NAME of the
                             examples' folder (for every example)
  <!-- continues -->         runs in the folder that the document's previous
                             block that ran left behind
  <!-- test: NAME -->        the block is run as written by a script of
                             tests/docs that takes it by this marker (it needs
                             what that script makes: platform exports, a
                             Dask cluster, Results to compare); checked that a
                             script names the file and takes the block
An `assess` that starts a new assessment on the default answers file (no
--resume, no --answers) runs where centricity-answers.yaml does not exist
yet; an interactive `assess` example of --help gets the answers "1", "1" on
standard input, so it runs in line mode.

Also checked against --help, without running them: inline code spans that
start with `centricity ` (the command exists, its options exist, no
arguments for a command that takes none), and docs/manual.md (a section per
command naming each of its options, or the page it links for them, and
every `--to A|B` listing the formats --help lists).

Usage: check_examples.py BINARY SOURCE_DIR [--keep]
       check_examples.py BINARY SOURCE_DIR --self-test
  --keep       keep the temporary folder (it is always kept on failure)
  --self-test  check that broken examples are caught
"""
import difflib
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

MARKER = re.compile(r"^<!--\s*([a-z][a-z ]*?)\s*(?::\s*(.*?))?\s*-->\s*$")
FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)")
COMMAND_LINE = re.compile(r"^(\$ )?(centricity\s|\./|scripts/)|\|\s*centricity\s")
SCRIPT_INFOS = {"sh", "bash", "shell"}
ANSWERS = "centricity-answers.yaml"
TIMEOUT = 300


class Block:
    """One code block of a markdown file that holds commands (or a marker)."""

    def __init__(self, path, line, kind, lines, marker):
        self.path = path      # relative to the source root
        self.line = line      # 1-based line of the block's first line
        self.kind = kind      # 'console', 'script' or 'text'
        self.lines = lines    # the block's lines, indentation removed
        self.marker = marker  # (name, value) of the marker above it, or None

    def where(self):
        return f"{self.path}:{self.line}"

    def commands(self):
        """How many commands the block holds: a console block's `$ ` lines,
        else its lines that are not blank, a comment or a continuation."""
        if self.kind == "console":
            return sum(1 for l in self.lines if l.startswith("$ "))
        count, continued = 0, False
        for l in self.lines:
            if l.strip() and not l.lstrip().startswith("#") and not continued:
                count += 1
            continued = l.rstrip().endswith("\\")
        return count

    def has_commands(self):
        if self.kind == "console":
            return any(l.startswith("$ ") for l in self.lines)
        if self.kind == "script":
            return any(l.strip() and not l.lstrip().startswith("#") for l in self.lines)
        return any(COMMAND_LINE.search(l.strip()) for l in self.lines)


def marker_above(lines, index):
    """The marker on the nearest non-blank line above `index`, if any."""
    i = index - 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    if i < 0:
        return None
    m = MARKER.match(lines[i].strip())
    return (m.group(1), m.group(2) or "") if m else None


def parse_blocks(path, text):
    """Every fenced and indented code block of `text`."""
    lines = text.split("\n")
    blocks = []
    i = 0
    previous_blank = True
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:
            indent, fence, info = len(m.group(1)), m.group(2), m.group(3).lower()
            closing = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{%d,}\\s*$" % len(fence))
            j = i + 1
            while j < len(lines) and not closing.match(lines[j]):
                j += 1
            body = [l[indent:] if l[:indent].strip() == "" else l.lstrip() for l in lines[i + 1:j]]
            kind = "console" if info == "console" else "script" if info in SCRIPT_INFOS else "text"
            blocks.append(Block(path, i + 1, kind, body, marker_above(lines, i)))
            i = j + 1
            previous_blank = True
            continue
        if line.startswith("    ") and line.strip() and previous_blank:
            j = i
            while j < len(lines) and (lines[j].startswith("    ") or not lines[j].strip()):
                j += 1
            body = [l[4:] for l in lines[i:j]]
            while body and not body[-1].strip():
                body.pop()
            blocks.append(Block(path, i + 1, "text", body, marker_above(lines, i)))
            i = j
            previous_blank = True
            continue
        # An indented code block cannot interrupt a paragraph, but it may
        # follow a heading or an HTML comment directly.
        previous_blank = not line.strip() or line.startswith("#") or bool(MARKER.match(line))
        i += 1
    return blocks


def commands_text(count):
    return f"{count} command" + ("" if count == 1 else "s")


def tested_by(root, block):
    """The script of tests/docs that runs `block`, marked <!-- test: NAME -->:
    one that takes the block from its file by the marker (a command, not a
    comment, with the marker and, within five lines, "$root/FILE") or by NAME
    given to its helper (`block "$root/FILE" NAME`)."""
    name, path = block.marker[1], block.path
    helper = re.compile(r'block\s+"\$root/' + re.escape(path) + r'"\s+("?)'
                        + re.escape(name) + r'\1(\s|$)', re.M)
    marker = f"<!-- test: {name} -->"
    for script in sorted(glob.glob(os.path.join(root, "tests", "docs", "*.sh"))):
        with open(script, encoding="utf-8") as f:
            text = f.read()
        if helper.search(text):
            return os.path.relpath(script, root)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if (marker in line and not line.lstrip().startswith("#")
                    and any(f'"$root/{path}"' in l for l in lines[i:i + 6])):
                return os.path.relpath(script, root)
    return None


def console_commands(block):
    """(command, shown output) pairs of a console block; `\\` continues a command."""
    pairs = []
    i = 0
    lines = block.lines
    while i < len(lines):
        if not lines[i].startswith("$ "):
            i += 1
            continue
        command = lines[i][2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command + "\n" + lines[i]
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        pairs.append((command, "".join(l + "\n" for l in output)))
    return pairs


def starts_assessment(script):
    """True if `script` runs an `assess` that starts a new default answers file."""
    for m in re.finditer(r"centricity\s+assess\b([^|;&\n]*)", script):
        words = m.group(1).split()
        if not any(w in ("--resume", "-r", "--answers", "-a") or w.startswith("--answers=")
                   for w in words):
            return True
    return False


class Runner:
    def __init__(self, binary, root, tmp):
        self.binary = binary
        self.root = root
        self.tmp = tmp
        self.template = os.path.join(tmp, "template")
        self.count = 0
        self.env = dict(os.environ, NO_COLOR="1", COLUMNS="100",
                        SOURCE_DATE_EPOCH="1767225600", EDITOR="true")
        self.env.pop("CENTRICITY_BANK_PATH", None)
        bin_dir = os.path.join(tmp, "bin")
        os.makedirs(bin_dir)
        os.symlink(binary, os.path.join(bin_dir, "centricity"))
        self.env["PATH"] = bin_dir + os.pathsep + self.env.get("PATH", "/usr/bin:/bin")

    def run(self, script, cwd, stdin=""):
        """Runs `script` with bash in `cwd`: (exit status, stdout and stderr together)."""
        try:
            proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=cwd,
                                  env=self.env, input=stdin, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, f"(no end after {TIMEOUT} s)\n"
        out = proc.stdout
        if out and not out.endswith("\n"):
            out += "\n"
        return proc.returncode, out

    def prepare(self, manifest, files):
        """Builds the template folder from `manifest` and the `files` blocks."""
        os.makedirs(self.template)
        commands = []
        with open(manifest, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if line.startswith("$ "):
                    commands.append(line[2:])
                    continue
                if len(line.split()) != 2:
                    raise RuntimeError(f"{manifest}:{number}: not 'DEST SOURCE' nor '$ COMMAND'")
                dest, source = line.split()
                source = os.path.join(self.root, source)
                dest = os.path.join(self.template, dest)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                if os.path.isdir(source):
                    shutil.copytree(source, dest)
                else:
                    shutil.copy2(source, dest)
        for name, block in files:
            with open(os.path.join(self.template, name), "w", encoding="utf-8") as f:
                f.write("".join(l + "\n" for l in block.lines))
        for command in commands:
            status, out = self.run(command, self.template)
            if status != 0:
                raise RuntimeError(f"{manifest}: '{command}' exited {status}:\n{out}")

    def fresh(self, name):
        self.count += 1
        folder = os.path.join(self.tmp, f"{self.count:03}-{name}")
        shutil.copytree(self.template, folder, symlinks=True)
        return folder

    def check_block(self, block, folder):
        """Runs one block in `folder`; returns a list of problems."""
        problems = []
        if block.kind == "console":
            for command, shown in console_commands(block):
                if starts_assessment(command) and os.path.exists(os.path.join(folder, ANSWERS)):
                    os.remove(os.path.join(folder, ANSWERS))
                expected_status = 0
                m = re.search(r"(?:^|\n)\[exit (\d+)\]\n$", shown)
                if m:
                    expected_status = int(m.group(1))
                status, out = self.run(command, folder)
                if status is not None and status != 0:
                    out += f"[exit {status}]\n"
                if status != expected_status:
                    problems.append(f"'$ {command}' exited {status}, not {expected_status}:\n{out}")
                elif out != shown:
                    problems.append(f"'$ {command}' printed other than shown:\n"
                                    + diff(shown, out))
            return problems
        script = "\n".join(block.lines) + "\n"
        if starts_assessment(script) and os.path.exists(os.path.join(folder, ANSWERS)):
            os.remove(os.path.join(folder, ANSWERS))
        status, out = self.run(script, folder)
        if status != 0:
            problems.append(f"exited {status}:\n{script}---\n{out}")
        return problems

    def check_help_example(self, example, folder):
        if starts_assessment(example) and os.path.exists(os.path.join(folder, ANSWERS)):
            os.remove(os.path.join(folder, ANSWERS))
        stdin = ""
        # An interactive assess is run in line mode: two answers, then the end.
        if re.search(r"centricity\s+assess\b", example) and not re.search(r"[|<]", example):
            stdin = "1\n1\n"
        status, out = self.run(example, folder, stdin)
        return [] if status == 0 else [f"'{example}' exited {status}:\n{out}"]


def diff(expected, actual):
    return "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "shown", "printed"))


class Help:
    """What `centricity [COMMAND] --help` says: options, formats, examples."""

    def __init__(self, runner, command):
        self.command = command
        status, self.text = runner.run(f"centricity {command} --help", runner.tmp)
        self.options = []  # (names, takes a value, description)
        lines = self.text.split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"^  (-\S+)(?: ([A-Z]\S*))?(?:.*?\s{2,}(\S.*))?$", line)
            if m:
                description = m.group(3) or (lines[i + 1].strip() if i + 1 < len(lines) else "")
                names = {n.split("=")[0] for n in m.group(1).split(",")}
                self.options.append((names, m.group(2) is not None, description))
        usage = next((l for l in lines if l.startswith("Usage:")), "")
        self.arguments = bool(re.search(r"\[OPTIONS\] \S", usage))
        examples = self.text.split("\nExamples:\n", 1)
        self.examples = [] if len(examples) < 2 else [
            l.strip() for l in examples[1].split("\n\n")[0].split("\n") if l.strip()]
        # "md, html or json (default: ...)" of --to.
        self.formats = set()
        for names, _, description in self.options:
            if "--to" in names:
                self.formats = set(re.split(r",\s*|\s+or\s+", description.split(" (")[0]))

    def option(self, name):
        return next((o for o in self.options if name in o[0]), None)

    def name(self):
        return f"centricity {self.command}".strip()

    def where(self):
        return f"'{self.name()} --help'"


def check_words(helps, words):
    """Problems of a command line `words` (a synopsis or an inline example)
    against --help: unknown commands and options, arguments a command does
    not take. Upper-case words and `...` are placeholders."""
    words = [w.strip("[]") for w in words]
    if not words or words[0] != "centricity":
        return [f"starts with 'centricity', not {words[:1]}"]
    command = ""
    if len(words) > 1 and re.match(r"^[a-z]", words[1]):
        if words[1] not in helps:
            return [f"'{words[1]}' is not a command of centricity"]
        command = words[1]
    help = helps[command]
    problems = []
    i = 2 if command else 1
    while i < len(words):
        word = words[i]
        i += 1
        if word.startswith("-") and len(word) > 1:
            option = help.option(word.split("=")[0])
            if option is None:
                problems.append(f"{word.split('=')[0]} is not an option of {help.name()}")
            elif option[1] and "=" not in word:
                i += 1
        elif word not in ("...", "|") and not re.match(r"^[A-Z]", word) and not help.arguments:
            problems.append(f"{help.name()} takes no argument '{word}'")
    return problems


def check_synopsis(helps, block):
    """A synopsis block: its words, and every option of --help shown."""
    words = " ".join(block.lines).split()
    problems = check_words(helps, words)
    if problems:
        return problems
    command = words[1] if len(words) > 1 and words[1] in helps else ""
    shown = {w.strip("[]").split("=")[0] for w in words}
    for names, _, _ in helps[command].options:
        if "--help" not in names and not names & shown:
            problems.append(f"the synopsis lacks {'/'.join(sorted(names))}")
    return problems


def check_manual(root, helps):
    """docs/manual.md against --help: a section per command that names every
    option (or the page it links for them: assess.md, import.md), and every
    `--to A|B` lists the formats --help lists."""
    with open(os.path.join(root, "docs", "manual.md"), encoding="utf-8") as f:
        sections = re.split(r"^## ", f.read(), flags=re.M)
    linked = {"assess": ["assess.md"], "score": ["import.md"], "merge": ["import.md"]}
    problems = []
    for command, help in helps.items():
        if not command:
            continue
        section = next((s for s in sections if re.match(rf"centricity {command}\b", s)), None)
        if section is None:
            problems.append(f"docs/manual.md: no section '## centricity {command}'")
            continue
        text = section
        for name in linked.get(command, []):
            with open(os.path.join(root, "docs", name), encoding="utf-8") as f:
                text += f.read()
        for names, _, _ in help.options:
            if "--help" in names:
                continue
            if not any(re.search(re.escape(n) + r"(?![\w-])", text) for n in names):
                problems.append(f"docs/manual.md, centricity {command}: "
                                f"{'/'.join(sorted(names))} of --help is not described")
        for m in re.finditer(r"--to (\w+(?:\\?\|\w+)+)", text):
            listed = set(m.group(1).replace("\\", "").split("|"))
            if listed != help.formats:
                problems.append(f"docs/manual.md, centricity {command}: '--to {m.group(1)}', "
                                f"but --help says {', '.join(sorted(help.formats))}")
    return problems


def collect(root, only=None):
    """Every block of README.md and docs/*.md (or of the files `only`), and
    every inline code span that starts with `centricity ` as (where, words)."""
    paths = only or ([os.path.join(root, "README.md")]
                     + sorted(glob.glob(os.path.join(root, "docs", "*.md"))))
    blocks, spans = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        name = os.path.relpath(path, root)
        blocks += parse_blocks(name, text)
        # A code span may run over a line end.
        for m in re.finditer(r"(?<!`)`(centricity\s[^`]+)`(?!`)", text):
            number = text.count("\n", 0, m.start()) + 1
            spans.append((f"{name}:{number}", m.group(1).split()))
    return blocks, spans


def check(runner, only=None, help_examples=True):
    """Returns (problems, summary lines). `runner` is prepared already when
    `only` is given."""
    root = runner.root
    blocks, spans = collect(root, only)
    problems = []
    files = []
    for block in blocks:
        if block.marker and block.marker[0] == "file":
            name = block.marker[1]
            if not re.match(r"^[\w.-]+$", name):
                problems.append(f"{block.where()}: <!-- file: {name} -->: a plain file name")
            else:
                files.append((name, block))
    if not only:
        runner.prepare(os.path.join(root, "tests", "data", "docs-examples", "folder.txt"), files)
    top = Help(runner, "")
    commands = re.findall(r"^  ([a-z]+)\s", top.text.split("Subcommands:")[-1].split("\n\n")[0],
                          re.M)
    helps = {"": top}
    for command in commands:
        helps[command] = Help(runner, command)

    ran, not_run, synopses, by_tests = [], [], [], []
    last_folder = {}
    for block in blocks:
        name, value = block.marker or (None, None)
        if name == "not run":
            if not value:
                problems.append(f"{block.where()}: <!-- not run: --> needs a reason")
            elif not block.has_commands():
                problems.append(f"{block.where()}: marked not run, but the block has no command")
            else:
                not_run.append(f"{block.where()}: {value} ({commands_text(block.commands())})")
            continue
        if name == "test":
            script = tested_by(root, block) if block.has_commands() else None
            if script is None:
                problems.append(f"{block.where()}: <!-- test: {value} -->, but no script of "
                                "tests/docs runs a block of this file by that name")
            else:
                by_tests.append(f"{block.where()}: by {script} ({commands_text(block.commands())})")
            continue
        if name == "synopsis":
            problems += [f"{block.where()}: {p}" for p in check_synopsis(helps, block)]
            synopses.append(block.where())
            continue
        if not block.has_commands():
            continue
        if name == "continues":
            folder = last_folder.get(block.path)
            if folder is None:
                problems.append(f"{block.where()}: <!-- continues -->, but no block ran above it")
                continue
        else:
            folder = runner.fresh(os.path.basename(block.path))
        last_folder[block.path] = folder
        found = runner.check_block(block, folder)
        problems += [f"{block.where()}: {p}\n  (in {folder})" for p in found]
        ran.append(block)
    for where, words in spans:
        problems += [f"{where}: `{' '.join(words)}`: {p}" for p in check_words(helps, words)]
    if not only:
        problems += check_manual(root, helps)

    help_ran = 0
    if help_examples:
        for command, help in helps.items():
            if not help.examples:
                if command not in ("", "help"):
                    problems.append(f"{help.where()} shows no examples")
                continue
            # One command's examples one after another, as a user tries them.
            folder = runner.fresh(f"help-{command or 'main'}")
            for example in help.examples:
                found = runner.check_help_example(example, folder)
                problems += [f"{help.where()}: {p}\n  (in {folder})" for p in found]
                help_ran += 1
        if help_ran == 0:
            problems.append("no --help examples found: has the 'Examples:' layout changed?")
    if not ran and not only:
        problems.append("no documented example found: has the markdown layout changed?")

    commands = sum(b.commands() for b in ran)
    summary = [f"{len(ran)} blocks of the docs run ({commands_text(commands)}), "
               f"{help_ran} --help examples run, "
               f"{len(synopses)} synopses and {len(spans)} inline commands checked against "
               f"--help, {len(by_tests)} blocks run by another test:"]
    summary += ["  " + line for line in by_tests]
    summary += [f"{len(not_run)} blocks marked not run:"]
    summary += ["  " + line for line in not_run]
    return problems, summary


# Broken examples the check must catch: (markdown, a phrase of the problem).
SELF_TEST = [
    ("    centricity score no-such-file.yaml --bank customer-centricity\n", "exited 3"),
    ("```console\n$ centricity banks\nID  TITLE\n```\n", "printed other than shown"),
    ("```console\n$ centricity validate my-bank.yaml\n```\n", "printed other than shown"),
    ("```console\n$ centricity validate my-bank.yaml\nmy-bank.yaml: valid\n[exit 1]\n```\n",
     "exited 0, not 1"),
    ("```sh\ncentricity score team.yaml --bank customer-centricity --grop-by role\n```\n",
     "exited 2"),
    ("Text:\n\n    centricity report result.json --compare no-such.json -o report.md\n",
     "exited 3"),
    ("    printf '9\\n' | centricity assess --bank my-bank.yaml\n", "exited 3"),
    ("<!-- not run: -->\n```sh\ncentricity banks\n```\n", "needs a reason"),
    ("<!-- not run: why not -->\n```yaml\nid: x\n```\n", "has no command"),
    ("<!-- synopsis -->\n    centricity banks [--paths] [--color]\n",
     "--color is not an option"),
    ("Run `centricity assess four-tough-questions` for a short check.\n",
     "takes no argument 'four-tough-questions'"),
    ("Run `centricity asses --bank x` or `centricity score --grop-by role`.\n",
     "'asses' is not a command"),
    ("Run `centricity score --grop-by role`.\n", "--grop-by is not an option"),
    ("<!-- synopsis -->\n    centricity assess [--bank B]\n", "lacks --resume/-r"),
    ("<!-- continues -->\n    centricity banks\n", "no block ran above it"),
    ("```console\n$ centricity merge x.part.json --bank my-bank.yaml\n```\n", "exited 3"),
    ("<!-- test: publish -->\n```sh\ncentricity banks\n```\n", "no script of tests/docs runs"),
    ("<!-- test: shard recipe -->\n```sh\ncentricity banks\n```\n",
     "no script of tests/docs runs"),
]


def self_test(binary, root, tmp):
    runner = Runner(binary, root, tmp)
    runner.prepare(os.path.join(root, "tests", "data", "docs-examples", "folder.txt"), [])
    failures = 0
    for number, (markdown, phrase) in enumerate(SELF_TEST, 1):
        doc = os.path.join(tmp, f"broken-{number}.md")
        with open(doc, "w", encoding="utf-8") as f:
            f.write(markdown)
        problems, _ = check(runner, [doc], help_examples=False)
        if not any(phrase in p for p in problems):
            failures += 1
            print(f"not caught: {markdown!r} (expected '{phrase}'); reported: {problems}")
    # A manual that has fallen behind --help.
    fake = os.path.join(tmp, "fake-root")
    os.makedirs(os.path.join(fake, "docs"))
    for name, text in [("manual.md", "## centricity banks\n\nLists the banks.\n\n"
                                     "## centricity score INPUT...\n\n`--to md|json`\n"),
                       ("assess.md", ""), ("import.md", "")]:
        with open(os.path.join(fake, "docs", name), "w", encoding="utf-8") as f:
            f.write(text)
    helps = {c: Help(runner, c) for c in ("", "banks", "score", "help")}
    problems = check_manual(fake, helps)
    for phrase in ["centricity banks: --paths of --help is not described",
                   "centricity score: '--to md|json', but --help says html, json, md",
                   "centricity score: --group-by of --help is not described",
                   "no section '## centricity help'"]:
        if not any(phrase in p for p in problems):
            failures += 1
            print(f"not caught in a stale manual: '{phrase}'; reported: {problems}")
    total = len(SELF_TEST) + 4
    print(f"{total - failures} of {total} broken examples caught")
    return 1 if failures else 0


def main():
    argv = sys.argv[1:]
    keep = "--keep" in argv
    selftest = "--self-test" in argv
    argv = [a for a in argv if a not in ("--keep", "--self-test")]
    if len(argv) != 2:
        print(__doc__.split("Usage:")[1], file=sys.stderr)
        return 2
    binary, root = os.path.abspath(argv[0]), os.path.abspath(argv[1])
    tmp = tempfile.mkdtemp(prefix="centricity-examples.")
    if selftest:
        status = self_test(binary, root, tmp)
    else:
        problems, summary = check(Runner(binary, root, tmp))
        for problem in problems:
            print(f"FAIL {problem}\n")
        print("\n".join(summary))
        status = 1 if problems else 0
    if status or keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp)
    return status


if __name__ == "__main__":
    sys.exit(main())
