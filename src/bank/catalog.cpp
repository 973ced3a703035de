#include <centricity/bank/catalog.hpp>
#include <centricity/util/error.hpp>
#include <centricity/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <system_error>

#ifndef CENTRICITY_BANK_INSTALL_DIR
#define CENTRICITY_BANK_INSTALL_DIR "/usr/local/share/centricity/questionnaires"
#endif

namespace centricity::bank {

namespace fs = std::filesystem;

namespace {

bool is_bank_file(const fs::path& path)
{
  const auto ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// The existing folders among `candidates`, canonical, without repeats.
std::vector<std::string> existing_folders(const std::vector<std::string>& candidates)
{
  std::error_code ec;
  std::vector<std::string> folders;
  std::set<std::string> seen;
  for (const auto& candidate : candidates) {
    const auto canonical = fs::canonical(candidate, ec);
    if (ec || !fs::is_directory(canonical, ec)) {
      continue;
    }
    if (seen.insert(canonical.string()).second) {
      folders.push_back(canonical.string());
    }
  }
  return folders;
}

} // namespace

std::vector<std::string> bank_folders()
{
  std::vector<std::string> candidates;
  std::error_code ec;
  if (const char* env = std::getenv("CENTRICITY_BANK_PATH"); env != nullptr && *env != '\0') {
    // An explicit path replaces the default folders, as PATH does.
    for (const auto& part : util::split(env, ':')) {
      if (!part.empty()) {
        candidates.push_back(part);
      }
    }
    return existing_folders(candidates);
  }
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = exe.parent_path();
    candidates.push_back((dir / "share/centricity/questionnaires").string());
    candidates.push_back((dir / "../share/centricity/questionnaires").lexically_normal().string());
  }
  candidates.emplace_back(CENTRICITY_BANK_INSTALL_DIR);
  return existing_folders(candidates);
}

std::vector<BundledBank> bundled_banks()
{
  std::vector<BundledBank> banks;
  std::set<std::string> ids;
  for (const auto& folder : bank_folders()) {
    std::error_code ec;
    std::vector<BundledBank> here;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (entry.is_regular_file(ec) && is_bank_file(entry.path())) {
        here.push_back({entry.path().stem().string(), entry.path().string()});
      }
    }
    std::sort(here.begin(), here.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    for (auto& bank : here) {
      if (ids.insert(bank.id).second) {
        banks.push_back(std::move(bank));
      }
    }
  }
  std::sort(banks.begin(), banks.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return banks;
}

std::string resolve_bank(const std::string& bank)
{
  std::error_code ec;
  if (fs::is_regular_file(bank, ec)) {
    return bank;
  }
  const auto banks = bundled_banks();
  std::vector<std::string> ids;
  for (const auto& bundled : banks) {
    if (bundled.id == bank) {
      return bundled.path;
    }
    ids.push_back(bundled.id);
  }
  // A unique prefix names a bundled bank too ("four-tough"), as git and
  // many tools accept abbreviated names; an ambiguous one lists the choices.
  std::vector<const BundledBank*> prefixed;
  for (const auto& bundled : banks) {
    if (!bank.empty() && bundled.id.starts_with(bank)) {
      prefixed.push_back(&bundled);
    }
  }
  if (prefixed.size() == 1 && !fs::exists(bank, ec)) {
    return prefixed.front()->path;
  }
  if (prefixed.size() > 1 && !fs::exists(bank, ec)) {
    std::string list;
    for (const auto* bundled : prefixed) {
      list += (list.empty() ? "" : ", ") + bundled->id;
    }
    throw Error(
      fmt::format("'{}' could be any of the bundled banks {}; give more of the id", bank, list),
      ExitCode::data);
  }
  if (fs::exists(bank, ec)) {
    throw Error(fmt::format("'{}' is not a bank file", bank), ExitCode::data);
  }
  const bool looks_like_path = bank.find('/') != std::string::npos || is_bank_file(bank);
  if (looks_like_path) {
    throw Error(fmt::format("cannot read bank '{}': No such file or directory", bank),
                ExitCode::data);
  }
  std::string list;
  for (const auto& id : ids) {
    list += (list.empty() ? "" : ", ") + id;
  }
  throw Error(fmt::format("no bank file or bundled bank named '{}'{}; bundled banks: {}", bank,
                          util::did_you_mean(bank, ids), list.empty() ? "(none found)" : list),
              ExitCode::data);
}

} // namespace centricity::bank
