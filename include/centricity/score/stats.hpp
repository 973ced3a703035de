#pragma once

// Statistics for many respondents, built to be merged: every sum is kept in
// integers on a fixed grid, so shards added up on other threads, processes or
// machines give exactly the same totals (and so the same Result, byte for
// byte) in any order. Nothing here knows about banks.

#include <cstdint>
#include <optional>
#include <string>

namespace centricity::score {

// 128-bit integers (a GCC/Clang extension; the marker keeps -Wpedantic quiet).
__extension__ using Int128 = __int128;

// Scores are accumulated on a grid of 1e-9 points: a score x is added as the
// integer round(x * 1e9). The rounding error (at most 5e-10) is far below
// any difference a bank can express, and it snaps floating-point noise such
// as 59.99999999999999 back onto 60.
inline constexpr double k_grid = 1e9;

// A score `x` as an integer number of grid steps.
[[nodiscard]] std::int64_t to_grid(double x);

// The most values a loaded Moments may count (from_parts).
inline constexpr std::uint64_t k_max_moments_count = 1'000'000'000'000;

// Count, sum and sum of squares of grid values: mergeable moments of one
// variable. Sums stay exact up to about 10^12 values of magnitude 100.
class Moments {
public:
  // Adds one observation `x` (on the grid).
  void add(double x);
  // Adds `count` observations `x`: the same state as `count` calls of add(x).
  void add(double x, std::uint64_t count);
  // Adds every observation of `other`.
  void merge(const Moments& other);

  [[nodiscard]] std::uint64_t count() const { return m_n; }
  // The mean, or nullopt without observations.
  [[nodiscard]] std::optional<double> mean() const;
  // The sample variance (n - 1 in the denominator), or nullopt when n < 2.
  // Computed from the exact integer sums without cancellation.
  [[nodiscard]] std::optional<double> variance() const;
  // The sample standard deviation, or nullopt when n < 2.
  [[nodiscard]] std::optional<double> sd() const;

  bool operator==(const Moments& other) const = default;

  // The exact state, for saving: the 128-bit sums as decimal text (JSON
  // numbers cannot hold them).
  [[nodiscard]] std::string sum_text() const;
  [[nodiscard]] std::string sum_squares_text() const;
  // A state saved with count() and the two texts above. Throws
  // centricity::Error on text that is not such a state: not integers, more
  // than k_max_moments_count values, or sums beyond values of magnitude 100.
  [[nodiscard]] static Moments from_parts(std::uint64_t count, const std::string& sum,
                                          const std::string& sum_squares);

private:
  std::uint64_t m_n = 0;
  Int128 m_sum = 0;
  Int128 m_sum_squares = 0;
};

// The two-sided 95% confidence interval of a mean, mean ± t(0.975, n-1) *
// sd / sqrt(n), clamped to [`low_limit`, `high_limit`].
struct Interval {
  double low = 0;
  double high = 0;
};
[[nodiscard]] std::optional<Interval> confidence_interval_95(const Moments& moments,
                                                             double low_limit, double high_limit);

// The quantile function of Student's t distribution with `df` degrees of
// freedom at probability `p` (0 < p < 1), to a few units in the last place
// (Boost.Math). Never throws: -inf or +inf at p = 0 or 1, else NaN outside.
[[nodiscard]] double student_t_quantile(double p, double df);

// The regularized incomplete beta function I_x(a, b) (Boost.Math): 0 for
// x <= 0, 1 for x >= 1; NaN for a NaN `x` or invalid `a`, `b`. Never throws.
[[nodiscard]] double incomplete_beta(double x, double a, double b);

// Standardised difference of two groups' means: Cohen's d with the pooled
// SD, and Hedges' g = d * (1 - 3 / (4 (n_a + n_b) - 9)), the small-sample
// correction. nullopt unless both groups have n >= 2 and the pooled SD > 0.
struct EffectSize {
  double cohens_d = 0;
  double hedges_g = 0;
};
[[nodiscard]] std::optional<EffectSize> effect_size(const Moments& a, const Moments& b);

} // namespace centricity::score
