#pragma once

// Small banks built in C++ for the import tests, so they depend neither on
// the bank loader nor on the bundled banks. Questions use whatever ids and
// texts a test needs (export tags, question titles); one dimension per
// distinct `dimension`, min_answered 1; one ladder "level" whose stage
// "high" needs dimension "d" >= 50.

#include <centricity/bank/model.hpp>
#include <centricity/import/pipeline.hpp>
#include <centricity/import/source.hpp>

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace centricity::test {

inline bank::Scale import_scale(const std::string& id,
                                const std::vector<std::pair<double, std::string>>& options,
                                const std::vector<std::string>& not_applicable = {})
{
  bank::Scale scale;
  scale.id = id;
  scale.title = id;
  for (const auto& [value, label] : options) {
    bank::ScaleOption option;
    option.value = value;
    option.label = label;
    scale.options.push_back(option);
  }
  for (const auto& label : not_applicable) {
    bank::ScaleOption option;
    option.kind = bank::OptionKind::not_applicable;
    option.label = label;
    scale.options.push_back(option);
  }
  scale.min = options.front().first;
  scale.max = options.back().first;
  return scale;
}

inline bank::Scale agree5()
{
  auto scale = import_scale("agree",
                            {{1, "Strongly disagree"},
                             {2, "Disagree"},
                             {3, "Neutral"},
                             {4, "Agree"},
                             {5, "Strongly agree"}},
                            {"Not applicable"});
  scale.options[1].aliases = {"Somewhat disagree"};
  scale.options[3].aliases = {"Somewhat agree"};
  return scale;
}

struct QuestionSpec {
  std::string id;
  std::string text;
  std::string scale = "agree";
  std::string dimension = "d";
  bool reverse = false;
};

inline bank::Questionnaire import_bank(std::vector<bank::Scale> scales,
                                       const std::vector<QuestionSpec>& questions)
{
  bank::Questionnaire bank;
  bank.id = "import-test";
  bank.title = "Import test bank";
  bank.scales = std::move(scales);
  for (const auto& spec : questions) {
    if (!bank.find_dimension(spec.dimension)) {
      bank::Dimension dimension;
      dimension.id = spec.dimension;
      dimension.title = spec.dimension;
      dimension.min_answered = 1;
      bank.dimensions.push_back(dimension);
    }
    bank::Question question;
    question.id = spec.id;
    question.text = spec.text;
    question.dimension = spec.dimension;
    question.scale = spec.scale;
    question.reverse = spec.reverse;
    bank.questions.push_back(question);
  }
  bank::Ladder ladder;
  ladder.id = "level";
  ladder.title = "Level";
  ladder.stages.push_back({"base", "Base", "", {}, {}});
  bank::Criterion criterion;
  criterion.dimension = bank.dimensions.front().id;
  criterion.threshold = 50;
  ladder.stages.push_back({"high", "High", "", {criterion}, {}});
  bank.ladders.push_back(ladder);
  return bank;
}

// In-memory files for ImportOptions::open.
class MemoryFiles {
public:
  void add(const std::string& path, std::string text) { m_files[path] = std::move(text); }
  [[nodiscard]] import::SourceOpener opener() const
  {
    return [this](const std::string& path) -> std::unique_ptr<import::ByteSource> {
      const auto it = m_files.find(path);
      if (it == m_files.end()) {
        return import::open_file(path);
      }
      return import::string_source(it->second);
    };
  }

private:
  std::map<std::string, std::string> m_files;
};

// The bytes of the file `path` ("" if it cannot be read).
inline std::string slurp(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// An XLSX archive built in memory from `parts` (name -> content).
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts)
{
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    throw std::runtime_error("make_zip: cannot open an archive in memory");
  }
  zip_source_keep(buffer);
  for (const auto& [name, content] : parts) {
    zip_source_t* part = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("make_zip: cannot add " + name);
    }
  }
  if (zip_close(archive) != 0) {
    throw std::runtime_error("make_zip: cannot write the archive");
  }
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  const auto size = static_cast<std::size_t>(zip_source_tell(buffer));
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string bytes(size, '\0');
  zip_source_read(buffer, bytes.data(), size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

// The workbook parts that lead to xl/worksheets/sheet1.xml.
inline const std::string k_workbook =
  "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
  "</workbook>";
inline const std::string k_rels = "<Relationships><Relationship Id=\"rId1\" "
                                  "Target=\"worksheets/sheet1.xml\"/></Relationships>";

// A fresh temporary folder, kept on failure for inspection.
inline std::filesystem::path import_temp_dir(const std::string& name)
{
  const auto dir = std::filesystem::temp_directory_path() / ("centricity-import-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string data_path(const std::string& file)
{
  return std::string(CENTRICITY_TEST_DATA) + "/exports/" + file;
}

} // namespace centricity::test
