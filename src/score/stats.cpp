#include <centricity/score/stats.hpp>
#include <centricity/util/error.hpp>

#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace centricity::score {

namespace {

// Boost.Math's error handling for the two distribution functions below.
// Its default policy throws on a domain error, an overflow or a series
// that does not converge; nothing may throw out of the statistics of a
// Result, and the hand-written functions these replace never threw. So
// every error returns a value, and errno is left alone (ignore_error):
// - domain errors (p outside [0, 1], df <= 0, a or b negative or both 0,
//   NaN anywhere) give NaN, where the old code gave NaN or a meaningless
//   finite number (I_x(0, b) = 1 and I_x(a, 0) = 0 are limits, not errors);
// - overflow (the quantile at p = 0 or 1) gives -inf or +inf, the limits,
//   where the old code gave a large finite number (about 1.8e30 for df 1);
// - an evaluation error (no convergence) gives the best value found, as
//   the old continued fraction returned its last term after 100,000 steps.
// Callers pass only p = 0.975 and df >= 1 (confidence_interval_95).
namespace policies = boost::math::policies;
using StatsPolicy = policies::policy<
  policies::domain_error<policies::ignore_error>, policies::pole_error<policies::ignore_error>,
  policies::overflow_error<policies::ignore_error>,
  policies::underflow_error<policies::ignore_error>, policies::denorm_error<policies::ignore_error>,
  policies::evaluation_error<policies::ignore_error>,
  policies::rounding_error<policies::ignore_error>,
  policies::indeterminate_result_error<policies::ignore_error>>;

std::string int128_text(Int128 value)
{
  if (value == 0) {
    return "0";
  }
  const bool negative = value < 0;
  std::string digits;
  while (value != 0) {
    const auto digit = static_cast<int>(value % 10);
    digits += static_cast<char>('0' + (negative ? -digit : digit));
    value /= 10;
  }
  if (negative) {
    digits += '-';
  }
  return {digits.rbegin(), digits.rend()};
}

Int128 parse_int128(const std::string& text)
{
  std::size_t i = text.empty() || text[0] != '-' ? 0 : 1;
  if (i == text.size() || text.size() > 41) {
    throw Error(fmt::format("'{}' is not an integer sum", text));
  }
  // Accumulate negatively: the most negative value is reachable, and every
  // step is checked so no input can overflow.
  const Int128 lowest = -((((Int128{1} << 126) - 1) * 2) + 1) - 1;
  Int128 value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      throw Error(fmt::format("'{}' is not an integer sum", text));
    }
    const int digit = text[i] - '0';
    if (value < (lowest + digit) / 10) {
      throw Error(fmt::format("'{}' is out of range", text));
    }
    value = value * 10 - digit;
  }
  if (text[0] != '-') {
    if (value == lowest) {
      throw Error(fmt::format("'{}' is out of range", text));
    }
    value = -value;
  }
  return value;
}

} // namespace

std::string Moments::sum_text() const
{
  return int128_text(m_sum);
}

std::string Moments::sum_squares_text() const
{
  return int128_text(m_sum_squares);
}

Moments Moments::from_parts(std::uint64_t count, const std::string& sum,
                            const std::string& sum_squares)
{
  Moments out;
  out.m_n = count;
  out.m_sum = parse_int128(sum);
  out.m_sum_squares = parse_int128(sum_squares);
  if (out.m_sum_squares < 0 || (count == 0 && (out.m_sum != 0 || out.m_sum_squares != 0))) {
    throw Error("inconsistent sums in a saved aggregate");
  }
  // add() reaches only sums of values within +-100: anything beyond is not a
  // saved state, and could overflow 128 bits once merged or squared.
  if (count > k_max_moments_count) {
    throw Error(fmt::format("a sum of {} values, more than the limit of 10^12", count));
  }
  const Int128 n = count;
  const Int128 largest = static_cast<Int128>(100 * k_grid);
  if (out.m_sum > n * largest || out.m_sum < -n * largest
      || out.m_sum_squares > n * largest * largest) {
    throw Error(fmt::format("sums of {} values that are not all within -100 and 100", count));
  }
  return out;
}

std::int64_t to_grid(double x)
{
  // std::llround (half away from zero) without the library call: the
  // truncation and its remainder are exact for |y| < 2^53.
  const double y = x * k_grid;
  if (!(std::fabs(y) < 0x1p53)) {
    return std::llround(y);
  }
  const auto whole = static_cast<std::int64_t>(y);
  const double rest = y - static_cast<double>(whole);
  return whole + (rest >= 0.5 ? 1 : 0) - (rest <= -0.5 ? 1 : 0);
}

void Moments::add(double x)
{
  const Int128 q = to_grid(x);
  ++m_n;
  m_sum += q;
  m_sum_squares += q * q;
}

void Moments::add(double x, std::uint64_t count)
{
  const Int128 q = to_grid(x);
  m_n += count;
  m_sum += q * static_cast<Int128>(count);
  m_sum_squares += q * q * static_cast<Int128>(count);
}

void Moments::merge(const Moments& other)
{
  m_n += other.m_n;
  m_sum += other.m_sum;
  m_sum_squares += other.m_sum_squares;
}

std::optional<double> Moments::mean() const
{
  if (m_n == 0) {
    return std::nullopt;
  }
  return static_cast<double>(m_sum) / static_cast<double>(m_n) / k_grid;
}

std::optional<double> Moments::variance() const
{
  if (m_n < 2) {
    return std::nullopt;
  }
  // The sum of squared deviations is sum(q^2) - S^2 / n. With S = n a + b
  // (0 <= b < n) that is sum(q^2) - n a^2 - 2 a b - b^2 / n: all but the last
  // term are exact integers, so nothing cancels in floating point.
  const auto n = static_cast<Int128>(m_n);
  Int128 a = m_sum / n;
  Int128 b = m_sum % n;
  if (b < 0) {
    a -= 1;
    b += n;
  }
  const Int128 whole = m_sum_squares - n * a * a - 2 * a * b;
  const double bd = static_cast<double>(b);
  const double deviations = static_cast<double>(whole) - bd * (bd / static_cast<double>(m_n));
  const double variance = deviations / static_cast<double>(m_n - 1) / (k_grid * k_grid);
  return std::max(variance, 0.0);
}

std::optional<double> Moments::sd() const
{
  const auto v = variance();
  return v ? std::optional(std::sqrt(*v)) : std::nullopt;
}

double incomplete_beta(double x, double a, double b)
{
  // As before: 0 left of the unit interval and 1 right of it, whatever a
  // and b are (Boost.Math calls such an x a domain error), and NaN for NaN
  // (Boost.Math gives 1 for I_NaN(0, b)).
  if (x <= 0) {
    return 0;
  }
  if (x >= 1) {
    return 1;
  }
  if (std::isnan(x)) {
    return x;
  }
  return boost::math::ibeta(a, b, x, StatsPolicy());
}

double student_t_quantile(double p, double df)
{
  return boost::math::quantile(boost::math::students_t_distribution<double, StatsPolicy>(df), p);
}

std::optional<Interval> confidence_interval_95(const Moments& moments, double low_limit,
                                               double high_limit)
{
  const auto mean = moments.mean();
  const auto sd = moments.sd();
  if (!mean || !sd) {
    return std::nullopt;
  }
  const double n = static_cast<double>(moments.count());
  const double half = student_t_quantile(0.975, n - 1) * *sd / std::sqrt(n);
  return Interval{std::clamp(*mean - half, low_limit, high_limit),
                  std::clamp(*mean + half, low_limit, high_limit)};
}

std::optional<EffectSize> effect_size(const Moments& a, const Moments& b)
{
  const auto va = a.variance();
  const auto vb = b.variance();
  if (!va || !vb) {
    return std::nullopt;
  }
  const double na = static_cast<double>(a.count());
  const double nb = static_cast<double>(b.count());
  const double pooled = std::sqrt(((na - 1) * *va + (nb - 1) * *vb) / (na + nb - 2));
  if (!(pooled > 0)) {
    return std::nullopt;
  }
  const double d = (*a.mean() - *b.mean()) / pooled;
  return EffectSize{d, d * (1 - 3 / (4 * (na + nb) - 9))};
}

} // namespace centricity::score
