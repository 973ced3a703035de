#include <centricity/import/xlsx.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>
#include <pugixml.hpp>
#include <zip.h>

#include <expat.h>

#include <charconv>
#include <cmath>
#include <deque>
#include <exception>
#include <iterator>
#include <memory>

namespace centricity::import {

namespace {

// Real sheets compress 5 to 50 times (very repetitive ones 100 or so); a
// part that inflates far beyond this is a bomb, stopped early.
constexpr std::uint64_t k_max_ratio = 250;

// Owns an open archive.
class Archive {
public:
  Archive(std::string_view bytes, std::string file)
    : m_file(std::move(file))
  {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
      const std::string reason = zip_error_strerror(&error);
      zip_error_fini(&error);
      throw Error(fmt::format("{}: cannot read the workbook: {}", m_file, reason));
    }
    m_zip = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (m_zip == nullptr) {
      zip_source_free(source);
      const std::string reason = zip_error_strerror(&error);
      zip_error_fini(&error);
      throw Error(fmt::format("{}: not a valid XLSX workbook: {}", m_file, reason));
    }
    zip_error_fini(&error);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;
  ~Archive() { zip_discard(m_zip); }

  [[nodiscard]] bool has(const std::string& name) const
  {
    return zip_name_locate(m_zip, name.c_str(), 0) >= 0;
  }

  // The inflated part `name` (the small workbook parts), with the same
  // caps as stream().
  [[nodiscard]] std::string read(const std::string& name, std::size_t max_bytes) const
  {
    std::string out;
    stream(name, max_bytes, [&](std::string_view piece, bool /*last*/) { out.append(piece); });
    return out;
  }

  // Inflates part `name` in 64 KiB pieces, handing each to `sink`: nothing
  // of it is kept here. Refuses, before inflating, a part whose directory
  // entry claims more than `max_bytes`, and while inflating, more than
  // `max_bytes` or more than k_max_ratio times its compressed size (a zip
  // bomb: 258 KB inflated for 26 s and 524 MB before).
  template <typename Sink>
  void stream(const std::string& name, std::size_t max_bytes, Sink&& sink) const
  {
    zip_stat_t info;
    zip_stat_init(&info);
    if (zip_stat(m_zip, name.c_str(), 0, &info) != 0) {
      throw Error(fmt::format("{}: the workbook has no part '{}'", m_file, name));
    }
    const auto bomb = [&](const char* how) {
      return Error(fmt::format("{}: part '{}' {} (a zip bomb?)", m_file, name, how));
    };
    if ((info.valid & ZIP_STAT_SIZE) != 0 && info.size > max_bytes) {
      throw bomb(
        fmt::format("claims {} bytes inflated, more than {} MiB", info.size, max_bytes >> 20U)
          .c_str());
    }
    const std::uint64_t compressed =
      (info.valid & ZIP_STAT_COMP_SIZE) != 0 ? info.comp_size : std::uint64_t{0};
    zip_file_t* part = zip_fopen(m_zip, name.c_str(), 0);
    if (part == nullptr) {
      throw Error(fmt::format("{}: cannot open part '{}': {}", m_file, name, zip_strerror(m_zip)));
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(part, &zip_fclose);
    std::string piece(std::size_t{1} << 16U, '\0');
    std::uint64_t total = 0;
    while (true) {
      const zip_int64_t got = zip_fread(part, piece.data(), piece.size());
      if (got < 0) {
        throw Error(
          fmt::format("{}: cannot inflate '{}': {}", m_file, name, zip_file_strerror(part)));
      }
      if (got == 0) {
        sink(std::string_view(), true);
        return;
      }
      total += static_cast<std::uint64_t>(got);
      if (total > max_bytes) {
        throw bomb(fmt::format("inflates to more than {} MiB", max_bytes >> 20U).c_str());
      }
      if (compressed > 0 && total > k_max_ratio * compressed + (std::uint64_t{1} << 20U)) {
        throw bomb(fmt::format("inflates to more than {} times its compressed size of {} bytes",
                               k_max_ratio, compressed)
                     .c_str());
      }
      sink(std::string_view(piece.data(), static_cast<std::size_t>(got)), false);
    }
  }

private:
  std::string m_file;
  zip_t* m_zip = nullptr;
};

pugi::xml_document parse_xml(const std::string& text, const std::string& file,
                             const std::string& part)
{
  pugi::xml_document doc;
  // No DOCTYPE/entity expansion in pugixml, so no billion-laughs either.
  const auto result =
    doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result) {
    throw Error(fmt::format("{}: damaged workbook part '{}': {} at byte {}", file, part,
                            result.description(), result.offset));
  }
  return doc;
}

// An element or attribute name without its namespace prefix ("x:row").
// One pass over the few bytes of a name, rather than strlen() and rfind():
// it runs for every tag and attribute of the sheet.
std::string_view local_name(const XML_Char* name)
{
  const XML_Char* start = name;
  const XML_Char* end = name;
  for (; *end != '\0'; ++end) {
    if (*end == ':') {
      start = end + 1;
    }
  }
  return {start, static_cast<std::size_t>(end - start)};
}

// Column index of a cell reference "AB12" -> 27, or -1.
long column_of(std::string_view ref)
{
  long column = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    column = column * 26 + (ref[i] - 'A' + 1);
    if (column > 16384) {
      return -1;
    }
    ++i;
  }
  return i == 0 ? -1 : column - 1;
}

long row_of(std::string_view ref)
{
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    ++i;
  }
  long row = 0;
  const auto [ptr, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  return ec == std::errc() && ptr == ref.data() + ref.size() ? row : -1;
}

// The number `raw` written the shortest way that reads back the same, into
// `out`; `raw` itself if it is no number.
void number_text(std::string_view raw, std::string& out)
{
  out.clear();
  double value = 0;
  const auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
  if (ec != std::errc() || ptr != raw.data() + raw.size() || !std::isfinite(value)) {
    out.assign(raw);
  } else if (value == std::floor(value) && std::fabs(value) < 1e15) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<long long>(value));
  } else {
    fmt::format_to(std::back_inserter(out), "{}", value);
  }
}

// The part path of the first worksheet, from workbook.xml and its rels.
std::string first_sheet(const Archive& archive, const std::string& file, std::size_t max_part)
{
  const std::string workbook_name = "xl/workbook.xml";
  if (!archive.has(workbook_name)) {
    throw Error(
      fmt::format("{}: a zip archive, but not an XLSX workbook (no {})", file, workbook_name));
  }
  const auto workbook = parse_xml(archive.read(workbook_name, max_part), file, workbook_name);
  const auto sheet = workbook.child("workbook").child("sheets").child("sheet");
  if (!sheet) {
    throw Error(fmt::format("{}: the workbook has no worksheet", file));
  }
  const std::string id = sheet.attribute("r:id").value();
  const std::string rels_name = "xl/_rels/workbook.xml.rels";
  if (!id.empty() && archive.has(rels_name)) {
    const auto rels = parse_xml(archive.read(rels_name, max_part), file, rels_name);
    for (const auto& rel : rels.child("Relationships").children("Relationship")) {
      if (id == rel.attribute("Id").value()) {
        std::string target = rel.attribute("Target").value();
        if (target.starts_with("/")) {
          return target.substr(1);
        }
        return "xl/" + target;
      }
    }
  }
  return "xl/worksheets/sheet1.xml";
}

} // namespace

bool looks_like_zip(std::string_view bytes)
{
  return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

namespace {

// Streams a part through expat, calling the handler's start(name, attrs),
// end(name) and text(chars) as elements come, so memory holds what the
// handler keeps, not the document (pugixml's tree of a 226 MB sheet took
// 2.4 GB). expat expands no external entities and refuses entity bombs.
template <typename Handler>
void parse_stream(const Archive& archive, const std::string& part, std::size_t max_part,
                  const std::string& file, Handler& handler)
{
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate("UTF-8"),
                                                                 &XML_ParserFree);
  if (!parser) {
    throw Error(fmt::format("{}: out of memory reading '{}'", file, part));
  }
  XML_SetUserData(parser.get(), &handler);
  XML_SetElementHandler(
    parser.get(),
    [](void* user, const XML_Char* name, const XML_Char** attrs) {
      static_cast<Handler*>(user)->start(local_name(name), attrs);
    },
    [](void* user, const XML_Char* name) { static_cast<Handler*>(user)->end(local_name(name)); });
  XML_SetCharacterDataHandler(parser.get(), [](void* user, const XML_Char* text, int size) {
    static_cast<Handler*>(user)->characters(std::string_view(text, static_cast<std::size_t>(size)));
  });
  archive.stream(part, max_part, [&](std::string_view piece, bool last) {
    if (XML_Parse(parser.get(), piece.data(), static_cast<int>(piece.size()), last ? 1 : 0)
        == XML_STATUS_ERROR) {
      throw Error(fmt::format("{}: damaged workbook part '{}': {} at line {}, column {}", file,
                              part, XML_ErrorString(XML_GetErrorCode(parser.get())),
                              XML_GetCurrentLineNumber(parser.get()),
                              XML_GetCurrentColumnNumber(parser.get()) + 1));
    }
    if (handler.failure) {
      std::rethrow_exception(handler.failure);
    }
  });
}

const char* attribute(const XML_Char** attrs, std::string_view name)
{
  for (std::size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (local_name(attrs[i]) == name) {
      return attrs[i + 1];
    }
  }
  return nullptr;
}

// <sst><si> items: plain <t>, or rich-text runs <r><t>; phonetic hints
// (<rPh>) are not part of the text.
struct SharedStrings {
  // The items one after another in `text`, item i ending at ends[i]: eight
  // bytes an item besides its text, where a std::string each took 32 (a
  // sheet of 700,000 distinct ids has as many items).
  std::string text;
  std::vector<std::size_t> ends;
  std::exception_ptr failure;
  bool in_item = false;
  int in_phonetic = 0;
  bool in_text = false;

  [[nodiscard]] std::size_t size() const { return ends.size(); }
  [[nodiscard]] std::string_view operator[](std::size_t i) const
  {
    const std::size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(begin, ends[i] - begin);
  }

  void start(std::string_view name, const XML_Char** /*attrs*/)
  {
    if (name == "si") {
      in_item = true;
      text.resize(ends.empty() ? 0 : ends.back());
    } else if (name == "rPh") {
      ++in_phonetic;
    } else if (name == "t" && in_item && in_phonetic == 0) {
      in_text = true;
    }
  }
  void end(std::string_view name)
  {
    if (name == "si") {
      ends.push_back(text.size());
      in_item = false;
    } else if (name == "rPh") {
      --in_phonetic;
    } else if (name == "t") {
      in_text = false;
    }
  }
  void characters(std::string_view chars)
  {
    if (in_text) {
      text.append(chars);
    }
  }
};

// <sheetData><row><c r t><v>|<is><t>: each row handed on whole to `sink`,
// then forgotten. A row is handed on when the next starts or the sheet ends
// (a cell may follow its row's end tag in a sheet that is well-formed XML
// but no valid worksheet, and it belongs to that row, as it always did).
struct SheetReader {
  const SharedStrings* shared = nullptr;
  const std::string* file = nullptr;
  const XlsxRowSink* sink = nullptr;
  std::exception_ptr failure;
  long next_row = 1;
  long number = 0; // of the row being read; 0 before the first
  long next_column = 0;
  long column = 0;
  std::size_t width = 0; // of row 1: later rows are padded to it
  std::string ref;
  std::string type;
  std::string value;       // <v>
  std::string inline_text; // <is><t>
  // The row's cells by column: a shared string or one of `owned` (a deque,
  // so growing it moves none), empty for a blank cell.
  std::vector<std::string_view> cells;
  std::deque<std::string> owned;
  std::string scratch;
  bool in_cell = false;
  bool in_value = false;
  bool in_inline = false;
  bool in_text = false;
  int in_phonetic = 0;

  void fail(std::string message)
  {
    if (!failure) {
      failure = std::make_exception_ptr(Error(std::move(message)));
    }
  }

  // Hands row `number` and any missing rows before `until` on to the sink.
  void flush(long until)
  {
    try {
      if (number > 0) {
        if (number == 1) {
          width = cells.size();
        } else if (!cells.empty() && cells.size() < width) {
          // A sheet leaves blank cells out, trailing ones too: a row ends at
          // its last answer, not at the header's width.
          cells.resize(width);
        }
        (*sink)(static_cast<std::uint64_t>(number), cells);
        cells.clear();
      }
      for (long gap = number + 1; gap < until; ++gap) {
        (*sink)(static_cast<std::uint64_t>(gap), {});
      }
    } catch (...) {
      failure = std::current_exception();
    }
  }

  void start(std::string_view name, const XML_Char** attrs)
  {
    if (failure) {
      return;
    }
    if (name == "row") {
      const char* r = attribute(attrs, "r");
      long row = next_row;
      if (r != nullptr) {
        const std::string_view text(r);
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), row);
        if (ec != std::errc() || ptr != text.data() + text.size()) {
          row = -1;
        }
      }
      if (row < next_row || row > 1'048'576) {
        fail(fmt::format("{}: worksheet row {} is out of order", *file, row));
        return;
      }
      flush(row);
      number = row;
      next_row = number + 1;
      next_column = 0;
    } else if (name == "c" && number > 0) {
      in_cell = true;
      const char* r = attribute(attrs, "r");
      const char* t = attribute(attrs, "t");
      ref = r != nullptr ? r : "";
      type = t != nullptr ? t : "";
      value.clear();
      inline_text.clear();
      column = ref.empty() ? next_column : column_of(ref);
      if (column < 0 || (!ref.empty() && row_of(ref) != number)) {
        fail(fmt::format("{}: bad cell reference '{}' in worksheet row {}", *file, ref, number));
        return;
      }
      next_column = column + 1;
    } else if (in_cell && name == "v") {
      in_value = true;
    } else if (in_cell && name == "is") {
      in_inline = true;
    } else if (in_inline && name == "rPh") {
      ++in_phonetic;
    } else if (in_inline && name == "t" && in_phonetic == 0) {
      in_text = true;
    }
  }

  void end(std::string_view name)
  {
    if (failure) {
      return;
    }
    if (name == "v") {
      in_value = false;
    } else if (name == "t") {
      in_text = false;
    } else if (name == "rPh") {
      --in_phonetic;
    } else if (name == "is") {
      in_inline = false;
    } else if (name == "c" && in_cell) {
      in_cell = false;
      finish_cell();
    }
  }

  void characters(std::string_view chars)
  {
    if (in_value) {
      value.append(chars);
    } else if (in_text) {
      inline_text.append(chars);
    }
  }

  void finish_cell()
  {
    std::string_view text;
    if (type == "s") {
      unsigned long long index = ~0ULL;
      const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (ec != std::errc() || ptr != value.data() + value.size() || index >= shared->size()) {
        fail(fmt::format("{}: cell {} refers to shared string {} of {}", *file, ref,
                         ec == std::errc() ? std::to_string(index) : value, shared->size()));
        return;
      }
      text = (*shared)[index];
    } else {
      // Swapped rather than copied, so the buffers go round instead of
      // being allocated per cell.
      if (type == "inlineStr") {
        std::swap(scratch, inline_text);
      } else if (type == "str" || type == "e") {
        std::swap(scratch, value);
      } else if (type == "b") {
        scratch = value == "1" ? "TRUE" : "FALSE";
      } else {
        number_text(value, scratch);
      }
      if (scratch.empty()) {
        return;
      }
      while (owned.size() <= static_cast<std::size_t>(column)) {
        owned.emplace_back();
      }
      std::string& slot = owned[static_cast<std::size_t>(column)];
      std::swap(slot, scratch);
      text = slot;
    }
    if (text.empty()) {
      return;
    }
    if (cells.size() <= static_cast<std::size_t>(column)) {
      cells.resize(static_cast<std::size_t>(column) + 1);
    }
    cells[static_cast<std::size_t>(column)] = text;
  }
};

} // namespace

void read_xlsx_rows(std::string_view bytes, const std::string& file, const XlsxRowSink& sink,
                    std::size_t max_part)
{
  const Archive archive(bytes, file);
  const std::string sheet_name = first_sheet(archive, file, max_part);

  SharedStrings shared;
  const std::string shared_name = "xl/sharedStrings.xml";
  if (archive.has(shared_name)) {
    parse_stream(archive, shared_name, max_part, file, shared);
  }
  SheetReader sheet;
  sheet.shared = &shared;
  sheet.file = &file;
  sheet.sink = &sink;
  parse_stream(archive, sheet_name, max_part, file, sheet);
  sheet.flush(0);
  if (sheet.failure) {
    std::rethrow_exception(sheet.failure);
  }
}

std::vector<std::vector<std::string>> read_xlsx(std::string_view bytes, const std::string& file,
                                                std::size_t max_part)
{
  std::vector<std::vector<std::string>> rows;
  read_xlsx_rows(
    bytes, file,
    [&](std::uint64_t /*number*/, std::span<const std::string_view> cells) {
      rows.emplace_back(cells.begin(), cells.end());
    },
    max_part);
  return rows;
}

} // namespace centricity::import
