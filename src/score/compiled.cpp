#include <centricity/score/compiled.hpp>
#include <centricity/util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace centricity::score {

namespace {

using IdMap = CompiledBank::IdMap;

template <typename T>
IdMap index_by_id(const std::vector<T>& items)
{
  IdMap out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out.emplace(items[i].id, static_cast<std::uint32_t>(i));
  }
  return out;
}

std::uint32_t lookup(const IdMap& map, const std::string& id, const char* what,
                     const std::string& user)
{
  const auto it = map.find(id);
  if (it == map.end()) {
    throw Error(
      fmt::format("cannot score with this bank: {} refers to unknown {} '{}'", user, what, id));
  }
  return it->second;
}

// FNV-1a, 64 bits: a stable, dependency-free fingerprint (not for security).
std::string fnv_fingerprint(const std::string& text)
{
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return fmt::format("fnv1a64:{:016x}", hash);
}

} // namespace

CompiledBank::CompiledBank(bank::Questionnaire bank)
  : m_bank(std::move(bank))
{
  const IdMap scales = index_by_id(m_bank.scales);
  const IdMap dimensions = index_by_id(m_bank.dimensions);
  const IdMap ladders = index_by_id(m_bank.ladders);

  m_dimensions.resize(m_bank.dimensions.size());
  for (std::size_t d = 0; d < m_bank.dimensions.size(); ++d) {
    const auto& dimension = m_bank.dimensions[d];
    // A dimension never gets a score from zero answers, whatever the bank says.
    m_dimensions[d].min_answered = std::max<std::size_t>(dimension.min_answered, 1);
    m_dimensions[d].pass_mark = dimension.pass_mark;
  }

  for (std::size_t q = 0; q < m_bank.questions.size(); ++q) {
    const auto& question = m_bank.questions[q];
    const std::string user = fmt::format("question '{}'", question.id);
    CompiledQuestion compiled;
    compiled.dimension = question.is_choice()
                           ? k_no_dimension
                           : lookup(dimensions, question.dimension, "dimension", user);
    compiled.weight = question.weight;
    compiled.belief = question.kind == bank::QuestionKind::belief;
    compiled.reverse = question.reverse;
    const auto& scale = m_bank.scales[lookup(scales, question.scale, "scale", user)];
    // min and max from the options themselves, so a hand-built model without
    // Scale::min/max filled in scores the same as a loaded one.
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    for (const auto& option : scale.options) {
      if (option.kind == bank::OptionKind::value) {
        min = std::min(min, option.value);
        max = std::max(max, option.value);
      }
    }
    if (!(max > min)) {
      throw Error(fmt::format("cannot score with this bank: scale '{}' needs two different values",
                              scale.id));
    }
    if (scale.options.size() > 65535) {
      // answers::Answer keeps the option in 16 bits.
      throw Error(fmt::format("cannot score with this bank: scale '{}' has more than 65535 options",
                              scale.id));
    }
    compiled.first_option = static_cast<std::uint32_t>(m_option_scores.size());
    compiled.option_count = static_cast<std::uint32_t>(scale.options.size());
    for (const auto& option : scale.options) {
      const bool agrees = option.kind == bank::OptionKind::value
                          && 100 * (option.value - min) / (max - min) >= 75 - 1e-9;
      m_option_agrees.push_back(agrees ? 1 : 0);
      const unsigned shift = question.reverse ? 32U : 0U;
      m_option_tallies.push_back(
        option.kind != bank::OptionKind::value
          ? 0
          : ((std::uint64_t{1} | (agrees ? std::uint64_t{1} << 16U : 0)) << shift));
      if (option.kind != bank::OptionKind::value) {
        m_option_scores.push_back(std::numeric_limits<double>::quiet_NaN());
      } else if (question.reverse) {
        m_option_scores.push_back(100 * (max - option.value) / (max - min));
      } else {
        m_option_scores.push_back(100 * (option.value - min) / (max - min));
      }
    }
    m_questions.push_back(compiled);
    if (compiled.dimension != k_no_dimension) {
      m_dimensions[compiled.dimension].questions.push_back(static_cast<std::uint32_t>(q));
    }
  }
  compile_say_do(dimensions);
  for (auto& dimension : m_dimensions) {
    std::size_t size = 1;
    std::vector<std::uint32_t> strides;
    for (const std::uint32_t q : dimension.questions) {
      strides.push_back(static_cast<std::uint32_t>(size));
      size *= std::size_t{m_questions[q].option_count} + 1;
      if (size > k_max_dimension_patterns) {
        break;
      }
    }
    if (dimension.questions.size() > 1 && size <= k_max_dimension_patterns) {
      dimension.patterns = size;
      dimension.pattern_strides = std::move(strides);
    }
    for (std::size_t i = 0; i < dimension.questions.size(); ++i) {
      const CompiledQuestion& question = m_questions[dimension.questions[i]];
      dimension.items.push_back({dimension.questions[i], question.first_option,
                                 dimension.patterns != 0 ? dimension.pattern_strides[i] : 0U,
                                 question.say_do, question.weight});
    }
  }
  for (const CompiledQuestion& question : m_questions) {
    for (std::uint32_t o = 0; o < question.option_count; ++o) {
      m_weighted_scores.push_back(question.weight * m_option_scores[question.first_option + o]);
    }
  }

  for (const auto& ladder : m_bank.ladders) {
    CompiledLadder compiled;
    for (const auto& stage : ladder.stages) {
      const std::string user = fmt::format("stage '{}' of ladder '{}'", stage.id, ladder.id);
      std::vector<CompiledCriterion> criteria;
      for (const auto& criterion : stage.criteria) {
        CompiledCriterion c;
        c.kind = criterion.kind;
        if (criterion.kind == bank::Criterion::Kind::dimension) {
          c.dimension = lookup(dimensions, criterion.dimension, "dimension", user);
          c.threshold = criterion.threshold;
          m_dimensions[c.dimension].gates = true;
        } else {
          c.ladder = lookup(ladders, criterion.ladder, "ladder", user);
          const auto& other = m_bank.ladders[c.ladder];
          const auto it = std::find_if(other.stages.begin(), other.stages.end(),
                                       [&](const auto& s) { return s.id == criterion.stage; });
          if (it == other.stages.end()) {
            throw Error(fmt::format("cannot score with this bank: {} refers to unknown stage "
                                    "'{}' of ladder '{}'",
                                    user, criterion.stage, other.id));
          }
          c.stage = static_cast<std::uint32_t>(it - other.stages.begin());
        }
        criteria.push_back(c);
      }
      compiled.criteria.push_back(std::move(criteria));
    }
    if (!ladder.target.empty()) {
      const auto it = std::find_if(ladder.stages.begin(), ladder.stages.end(),
                                   [&](const auto& s) { return s.id == ladder.target; });
      if (it == ladder.stages.end()) {
        throw Error(fmt::format("cannot score with this bank: ladder '{}' has unknown target '{}'",
                                ladder.id, ladder.target));
      }
      compiled.target = static_cast<std::size_t>(it - ladder.stages.begin());
    }
    m_ladders.push_back(std::move(compiled));
  }

  // Depth-first topological order of ladders over ladder_stage criteria.
  enum class Mark { none, active, done };
  std::vector<Mark> marks(m_ladders.size(), Mark::none);
  const auto visit = [&](const auto& self, std::uint32_t ladder) -> void {
    if (marks[ladder] == Mark::done) {
      return;
    }
    if (marks[ladder] == Mark::active) {
      throw Error(fmt::format("cannot score with this bank: ladder '{}' depends on itself",
                              m_bank.ladders[ladder].id));
    }
    marks[ladder] = Mark::active;
    for (const auto& stage : m_ladders[ladder].criteria) {
      for (const auto& criterion : stage) {
        if (criterion.kind == bank::Criterion::Kind::ladder_stage) {
          self(self, criterion.ladder);
        }
      }
    }
    marks[ladder] = Mark::done;
    m_ladder_order.push_back(ladder);
  };
  for (std::size_t l = 0; l < m_ladders.size(); ++l) {
    visit(visit, static_cast<std::uint32_t>(l));
  }

  compile_choices(ladders);
  const IdMap findings = compile_findings(dimensions, ladders);
  if (!m_bank.headline.empty()) {
    m_headline = lookup(ladders, m_bank.headline, "ladder", "'headline'");
  }
  for (const auto& recommendation : m_bank.recommendations) {
    const std::string user = fmt::format("recommendation '{}'", recommendation.id);
    CompiledRecommendation compiled;
    compiled.kind = recommendation.kind;
    compiled.band_min = recommendation.band_min;
    compiled.band_max = recommendation.band_max;
    compiled.effort = std::max(recommendation.effort, 1);
    if (recommendation.kind == bank::Recommendation::Kind::dimension) {
      compiled.dimension = lookup(dimensions, recommendation.dimension, "dimension", user);
    } else if (recommendation.kind == bank::Recommendation::Kind::finding) {
      compiled.finding = lookup(findings, recommendation.finding, "finding", user);
    } else {
      compiled.ladder = lookup(ladders, recommendation.ladder, "ladder", user);
      const auto& stages = m_bank.ladders[compiled.ladder].stages;
      const auto it = std::find_if(stages.begin(), stages.end(),
                                   [&](const auto& s) { return s.id == recommendation.stage; });
      if (it == stages.end()) {
        throw Error(fmt::format("cannot score with this bank: {} refers to unknown stage '{}'",
                                user, recommendation.stage));
      }
      compiled.stage = static_cast<std::uint32_t>(it - stages.begin());
    }
    m_recommendations.push_back(compiled);
  }
}

void CompiledBank::compile_say_do(const IdMap& dimensions)
{
  // A dimension is measured when some belief professes it and it has a
  // practice question of its own.
  std::vector<std::uint32_t> said(m_questions.size(), k_no_dimension);
  std::vector<bool> professed(m_dimensions.size(), false);
  std::vector<bool> practised(m_dimensions.size(), false);
  for (std::size_t q = 0; q < m_questions.size(); ++q) {
    const auto& question = m_bank.questions[q];
    if (question.kind == bank::QuestionKind::belief) {
      said[q] = question.says.empty() ? m_questions[q].dimension
                                      : lookup(dimensions, question.says, "dimension",
                                               fmt::format("question '{}'", question.id));
      if (said[q] != k_no_dimension) {
        professed[said[q]] = true;
      }
    } else if (question.kind == bank::QuestionKind::practice
               && m_questions[q].dimension != k_no_dimension) {
      practised[m_questions[q].dimension] = true;
    }
  }
  for (std::size_t d = 0; d < m_dimensions.size(); ++d) {
    m_dimensions[d].measured = professed[d] && practised[d];
  }
  for (std::size_t q = 0; q < m_questions.size(); ++q) {
    const auto kind = m_bank.questions[q].kind;
    if (kind == bank::QuestionKind::belief && said[q] != k_no_dimension
        && m_dimensions[said[q]].measured) {
      m_questions[q].say_do = SayDo::say;
    } else if (kind == bank::QuestionKind::practice && m_questions[q].dimension != k_no_dimension
               && m_dimensions[m_questions[q].dimension].measured) {
      m_questions[q].say_do = SayDo::does;
    }
  }
}

void CompiledBank::compile_choices(const IdMap& ladders)
{
  for (std::size_t q = 0; q < m_bank.questions.size(); ++q) {
    const auto& question = m_bank.questions[q];
    if (!question.is_choice()) {
      continue;
    }
    const std::string user = fmt::format("question '{}'", question.id);
    CompiledChoice choice;
    choice.question = static_cast<std::uint32_t>(q);
    choice.ladder = lookup(ladders, question.target_of, "ladder", user);
    const auto& ladder = m_bank.ladders[choice.ladder];
    const auto* scale = m_bank.find_scale(question.scale);
    if (scale == nullptr) {
      throw Error(fmt::format("cannot score with this bank: {} refers to unknown scale '{}'", user,
                              question.scale));
    }
    for (const auto& option : scale->options) {
      if (option.kind != bank::OptionKind::value || option.stage.empty()) {
        choice.stages.emplace_back();
        continue;
      }
      const auto stage = ladder.stage_index(option.stage);
      if (!stage) {
        throw Error(fmt::format("cannot score with this bank: {} chooses unknown stage '{}'", user,
                                option.stage));
      }
      choice.stages.emplace_back(static_cast<std::uint32_t>(*stage));
    }
    m_choices.push_back(std::move(choice));
  }
}

CompiledBank::IdMap CompiledBank::compile_findings(const IdMap& dimensions, const IdMap& ladders)
{
  const IdMap questions = index_by_id(m_bank.questions);
  for (const auto& finding : m_bank.findings) {
    const std::string user = fmt::format("finding '{}'", finding.id);
    CompiledFinding compiled;
    compiled.severity = finding.severity;
    for (const auto& any : finding.when) {
      std::vector<CompiledCondition> conditions;
      for (const auto& condition : any) {
        CompiledCondition c;
        c.kind = condition.kind;
        c.at_least = condition.at_least.value_or(-1);
        c.below = condition.below.value_or(1000);
        switch (condition.kind) {
        case bank::Condition::Kind::dimension:
          c.index = lookup(dimensions, condition.ref, "dimension", user);
          break;
        case bank::Condition::Kind::question:
          c.index = lookup(questions, condition.ref, "question", user);
          break;
        case bank::Condition::Kind::ladder: {
          c.index = lookup(ladders, condition.ref, "ladder", user);
          const auto& ladder = m_bank.ladders[c.index];
          const std::string& stage_id =
            condition.reached.empty() ? condition.below_stage : condition.reached;
          const auto stage = ladder.stage_index(stage_id);
          if (!stage) {
            throw Error(fmt::format("cannot score with this bank: {} refers to unknown stage '{}'",
                                    user, stage_id));
          }
          if (condition.reached.empty()) {
            c.below_stage = static_cast<std::uint32_t>(*stage);
          } else {
            c.reached = static_cast<std::uint32_t>(*stage);
          }
          break;
        }
        }
        conditions.push_back(c);
      }
      compiled.when.push_back(std::move(conditions));
    }
    m_findings.push_back(std::move(compiled));
  }
  return index_by_id(m_bank.findings);
}

std::optional<std::size_t> CompiledBank::dimension_index(const std::string& id) const
{
  for (std::size_t i = 0; i < m_bank.dimensions.size(); ++i) {
    if (m_bank.dimensions[i].id == id) {
      return i;
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> CompiledBank::ladder_index(const std::string& id) const
{
  for (std::size_t i = 0; i < m_bank.ladders.size(); ++i) {
    if (m_bank.ladders[i].id == id) {
      return i;
    }
  }
  return std::nullopt;
}

std::string CompiledBank::dimension_fingerprint(std::size_t index) const
{
  std::string text = fmt::format("min_answered={};", m_dimensions[index].min_answered);
  for (const std::uint32_t q : m_dimensions[index].questions) {
    const auto& question = m_bank.questions[q];
    text += fmt::format("q={},w={},k={};", question.id, question.weight, m_questions[q].belief);
    for (std::uint32_t o = 0; o < m_questions[q].option_count; ++o) {
      text += fmt::format("{},", option_score(q, o));
    }
  }
  return fnv_fingerprint(text);
}

std::string CompiledBank::ladder_fingerprint(std::size_t index) const
{
  const auto& ladder = m_bank.ladders[index];
  std::string text;
  for (const auto& stage : ladder.stages) {
    text += fmt::format("s={};", stage.id);
    for (const auto& criterion : stage.criteria) {
      if (criterion.kind == bank::Criterion::Kind::dimension) {
        text += fmt::format("d={}>={};", criterion.dimension, criterion.threshold);
      } else {
        text += fmt::format("l={}>={};", criterion.ladder, criterion.stage);
      }
    }
  }
  return fnv_fingerprint(text);
}

std::string CompiledBank::fingerprint() const
{
  std::string text = fmt::format("bank={};", m_bank.id);
  for (std::size_t q = 0; q < m_questions.size(); ++q) {
    text += fmt::format("q={}:{};", m_bank.questions[q].id, m_questions[q].option_count);
  }
  for (std::size_t d = 0; d < m_dimensions.size(); ++d) {
    text += fmt::format("d={}:{};", m_bank.dimensions[d].id, dimension_fingerprint(d));
  }
  for (std::size_t l = 0; l < m_ladders.size(); ++l) {
    text += fmt::format("l={}:{};", m_bank.ladders[l].id, ladder_fingerprint(l));
  }
  return fnv_fingerprint(text);
}

} // namespace centricity::score
