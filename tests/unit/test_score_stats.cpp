#include <centricity/score/stats.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace centricity::score;

TEST_CASE("score::student_t_quantile, agrees with R's qt")
{
  // Reference values: R 4.2.2, sprintf("%.17g", qt(0.975, df)).
  const std::pair<double, double> cases[] = {
    {1, 12.706204736174694},    {2, 4.3026527297494619},     {3, 3.1824463052837078},
    {10, 2.2281388519862739},   {30, 2.0422724563012378},    {100, 1.9839715185235516},
    {9999, 1.9602012636213568}, {10001, 1.9602012161646403}, {1e6, 1.9599663568141066},
  };
  for (const auto& [df, expected] : cases) {
    INFO("df = " << df);
    CHECK(std::fabs(student_t_quantile(0.975, df) - expected) < 1e-10);
    // Boost.Math is within 2 units in the last place of each (the bisection
    // it replaced was 1,764 off at df = 9999).
    CHECK(std::fabs(student_t_quantile(0.975, df) - expected) <= 4e-16 * expected);
  }
  CHECK(std::fabs(student_t_quantile(0.025, 10) + 2.2281388519862739) < 1e-10);
  CHECK(student_t_quantile(0.5, 7) == 0);
  // R: pbeta(0.3, 2.5, 0.5)
  CHECK(std::fabs(incomplete_beta(0.3, 2.5, 0.5) - 0.018927124071945644) < 1e-14);
}

TEST_CASE("score::student_t_quantile, outside its domain")
{
  // Boost.Math's policy is set to return values, never to throw.
  SECTION("p = 0 or 1: the limits")
  {
    CHECK(student_t_quantile(0, 5) == -std::numeric_limits<double>::infinity());
    CHECK(student_t_quantile(1, 5) == std::numeric_limits<double>::infinity());
  }
  SECTION("p outside [0, 1], df <= 0, NaN: NaN")
  {
    CHECK(std::isnan(student_t_quantile(-0.1, 5)));
    CHECK(std::isnan(student_t_quantile(1.5, 5)));
    CHECK(std::isnan(student_t_quantile(0.975, 0)));
    CHECK(std::isnan(student_t_quantile(0.975, -3)));
    CHECK(std::isnan(student_t_quantile(std::nan(""), 5)));
    CHECK(std::isnan(student_t_quantile(0.975, std::nan(""))));
  }
  SECTION("incomplete_beta: 0 and 1 outside the unit interval, NaN for bad a or b")
  {
    CHECK(incomplete_beta(-1, 2, 3) == 0);
    CHECK(incomplete_beta(0, -2, 3) == 0);
    CHECK(incomplete_beta(2, 2, 3) == 1);
    CHECK(incomplete_beta(1, 2, -3) == 1);
    CHECK(std::isnan(incomplete_beta(0.5, -1, 2)));
    CHECK(std::isnan(incomplete_beta(0.5, 2, std::nan(""))));
    CHECK(std::isnan(incomplete_beta(std::nan(""), 0, 2)));
  }
}

TEST_CASE("score::Moments, exact sums")
{
  Moments m;
  CHECK_FALSE(m.mean());
  m.add(50);
  CHECK(*m.mean() == 50);
  CHECK_FALSE(m.variance());
  m.add(75);
  m.add(100);
  CHECK(*m.mean() == 75);
  CHECK(*m.variance() == 625);
  CHECK(*m.sd() == 25);

  SECTION("floating-point noise snaps onto the grid")
  {
    Moments noisy;
    noisy.add(15 / (0.1 + 0.1 + 0.1)); // 49.99999999999999 in double, 50 exactly
    CHECK(*noisy.mean() == 50);
  }
  SECTION("no cancellation for a tiny spread around a large mean")
  {
    Moments tight;
    for (int i = 0; i < 1000; ++i) {
      tight.add(99.999999 + (i % 2 == 0 ? 1e-6 : -1e-6));
    }
    // Every value is 1e-6 from the mean: variance = 1000 * 1e-12 / 999.
    CHECK(std::fabs(*tight.variance() - 1e-9 / 999) < 1e-18);
  }
  SECTION("negative values")
  {
    Moments signed_values;
    signed_values.add(-10);
    signed_values.add(-20);
    signed_values.add(30);
    CHECK(*signed_values.mean() == 0);
    CHECK(*signed_values.variance() == 700);
  }
  SECTION("merge equals adding")
  {
    Moments a;
    Moments b;
    Moments both;
    for (int i = 0; i < 10; ++i) {
      const double x = i * 7.3 + 0.1;
      (i < 4 ? a : b).add(x);
      both.add(x);
    }
    a.merge(b);
    CHECK(a == both);
  }
}

TEST_CASE("score::confidence_interval_95, t-based and clamped")
{
  Moments m;
  m.add(50);
  CHECK_FALSE(confidence_interval_95(m, 0, 100));
  m.add(75);
  m.add(100);
  // mean 75, sd 25, n 3: half width = 4.3026527297494619 * 25 / sqrt(3)
  const double half = 4.3026527297494619 * 25 / std::sqrt(3.0);
  const auto ci = confidence_interval_95(m, 0, 1000);
  REQUIRE(ci);
  CHECK(std::fabs(ci->low - (75 - half)) < 1e-9);
  CHECK(std::fabs(ci->high - (75 + half)) < 1e-9);
  CHECK(confidence_interval_95(m, 0, 100)->high == 100);
}

TEST_CASE("score::effect_size, Cohen's d and Hedges' g")
{
  Moments a;
  Moments b;
  for (const double x : {60.0, 70.0, 80.0}) {
    a.add(x);
  }
  for (const double x : {40.0, 50.0, 60.0}) {
    b.add(x);
  }
  // Both SDs are 10, so the pooled SD is 10 and d = (70 - 50) / 10 = 2;
  // g = 2 * (1 - 3 / (4 * 6 - 9)) = 2 * 0.8 = 1.6.
  const auto effect = effect_size(a, b);
  REQUIRE(effect);
  CHECK(std::fabs(effect->cohens_d - 2) < 1e-12);
  CHECK(std::fabs(effect->hedges_g - 1.6) < 1e-12);
  Moments one;
  one.add(10);
  CHECK_FALSE(effect_size(a, one));
}

TEST_CASE("to_grid rounds exactly like std::llround")
{
  // Halves round away from zero; the double just below a half does not.
  CHECK(to_grid(0.5e-9) == 1);
  CHECK(to_grid(-0.5e-9) == -1);
  CHECK(to_grid(0) == 0);
  CHECK(to_grid(60) == 60'000'000'000);
  CHECK(to_grid(59.99999999999999) == 60'000'000'000);
  std::mt19937_64 random(3);
  std::uniform_real_distribution<double> scores(-100.0, 100.0);
  for (int i = 0; i < 200'000; ++i) {
    const double x = scores(random);
    REQUIRE(to_grid(x) == std::llround(x * k_grid));
    const double half = std::nextafter((std::floor(x * 1e9) + 0.5) / 1e9, 0.0);
    REQUIRE(to_grid(half) == std::llround(half * k_grid));
  }
  for (const double y : {0.49999999999999994, 0.5, 1.5, 2.5, -2.5, 4503599627370495.5,
                         4503599627370496.0, 9007199254740992.0, 1e17, -1e17}) {
    CHECK(to_grid(y / k_grid) == std::llround((y / k_grid) * k_grid));
  }
}
