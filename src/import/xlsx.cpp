#include <centricity/import/xlsx.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>
#include <pugixml.hpp>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <memory>

namespace centricity::import {

namespace {

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

  // The inflated part `name`, read in steps so the cap holds whatever size
  // the archive's directory claims.
  [[nodiscard]] std::string read(const std::string& name, std::size_t max_bytes) const
  {
    zip_file_t* part = zip_fopen(m_zip, name.c_str(), 0);
    if (part == nullptr) {
      throw Error(fmt::format("{}: the workbook has no part '{}'", m_file, name));
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(part, &zip_fclose);
    std::string out;
    constexpr std::size_t k_step = std::size_t{1} << 16U;
    while (true) {
      const std::size_t old = out.size();
      out.resize(old + k_step);
      const zip_int64_t got = zip_fread(part, out.data() + old, k_step);
      if (got < 0) {
        throw Error(fmt::format("{}: cannot inflate '{}': {}", m_file, name, zip_strerror(m_zip)));
      }
      out.resize(old + static_cast<std::size_t>(got));
      if (got == 0) {
        return out;
      }
      if (out.size() > max_bytes) {
        throw Error(fmt::format("{}: part '{}' inflates to more than {} MiB (a zip bomb?)", m_file,
                                name, max_bytes >> 20U));
      }
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

// Text of a string item (<si> or <is>): plain <t>, or rich-text runs
// <r><t>; phonetic hints (<rPh>) are not part of the text.
std::string item_text(const pugi::xml_node& item)
{
  std::string out;
  for (const auto& child : item.children()) {
    const std::string_view name = child.name();
    if (name == "t") {
      out += child.text().get();
    } else if (name == "r") {
      out += child.child("t").text().get();
    }
  }
  return out;
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

std::string number_text(std::string_view raw)
{
  double value = 0;
  const auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
  if (ec != std::errc() || ptr != raw.data() + raw.size() || !std::isfinite(value)) {
    return std::string(raw);
  }
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  return fmt::format("{}", value);
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

std::vector<std::vector<std::string>> read_xlsx(std::string_view bytes, const std::string& file,
                                                std::size_t max_part)
{
  const Archive archive(bytes, file);
  const std::string sheet_name = first_sheet(archive, file, max_part);

  std::vector<std::string> shared;
  const std::string shared_name = "xl/sharedStrings.xml";
  if (archive.has(shared_name)) {
    const auto doc = parse_xml(archive.read(shared_name, max_part), file, shared_name);
    for (const auto& item : doc.child("sst").children("si")) {
      shared.push_back(item_text(item));
    }
  }

  const auto doc = parse_xml(archive.read(sheet_name, max_part), file, sheet_name);
  std::vector<std::vector<std::string>> rows;
  long next_row = 1;
  for (const auto& row : doc.child("worksheet").child("sheetData").children("row")) {
    long number = row.attribute("r").as_int(static_cast<int>(next_row));
    if (number < next_row || number > 1'048'576) {
      throw Error(fmt::format("{}: worksheet row {} is out of order", file, number));
    }
    rows.resize(static_cast<std::size_t>(number));
    next_row = number + 1;
    auto& cells = rows.back();
    long next_column = 0;
    for (const auto& c : row.children("c")) {
      const std::string_view ref = c.attribute("r").value();
      long column = ref.empty() ? next_column : column_of(ref);
      if (column < 0 || (!ref.empty() && row_of(ref) != number)) {
        throw Error(
          fmt::format("{}: bad cell reference '{}' in worksheet row {}", file, ref, number));
      }
      next_column = column + 1;
      const std::string_view type = c.attribute("t").value();
      std::string value;
      if (type == "s") {
        const auto index = c.child("v").text().as_ullong(~0ULL);
        if (index >= shared.size()) {
          throw Error(fmt::format("{}: cell {} refers to shared string {} of {}", file, ref, index,
                                  shared.size()));
        }
        value = shared[index];
      } else if (type == "inlineStr") {
        value = item_text(c.child("is"));
      } else if (type == "str" || type == "e") {
        value = c.child("v").text().get();
      } else if (type == "b") {
        value = std::string_view(c.child("v").text().get()) == "1" ? "TRUE" : "FALSE";
      } else {
        value = number_text(c.child("v").text().get());
      }
      if (value.empty()) {
        continue;
      }
      if (cells.size() <= static_cast<std::size_t>(column)) {
        cells.resize(static_cast<std::size_t>(column) + 1);
      }
      cells[static_cast<std::size_t>(column)] = std::move(value);
    }
  }
  return rows;
}

} // namespace centricity::import
