// JSON writer micro-benchmarks: string escaping, JS number formatting and the
// streaming writer.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include <sio/proto/json/append.hpp>
#include <sio/proto/json/writer.hpp>

namespace {

using namespace sio::proto::json;

void string_loop(benchmark::State& state, const std::string& s) {
  std::string out;
  out.reserve(s.size() * 6 + 2);
  for (auto _ : state) {
    out.clear();
    append_string(out, s);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(s.size()));
  state.SetItemsProcessed(state.iterations());
}

void BM_string_short(benchmark::State& state) {
  string_loop(state, "hello");
}
void BM_string_1k_plain(benchmark::State& state) {
  string_loop(state, std::string(1024, 'x'));
}
void BM_string_1k_escapes(benchmark::State& state) {
  std::string s;
  while (s.size() < 1024) s += "line with \"quotes\" and a tab\t and a newline\n ";
  string_loop(state, s);
}

void BM_number_integer(benchmark::State& state) {
  std::string out;
  out.reserve(64);
  double v = 1234567;
  for (auto _ : state) {
    out.clear();
    append_number(out, v);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_number_fraction(benchmark::State& state) {
  std::string out;
  out.reserve(64);
  double v = 0.1 + 0.2;
  for (auto _ : state) {
    out.clear();
    append_number(out, v);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_number_exponent(benchmark::State& state) {
  std::string out;
  out.reserve(64);
  double v = 6.02214076e23;
  for (auto _ : state) {
    out.clear();
    append_number(out, v);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

// {"sid":"…","pid":"…"}-sized object and an argument list, as the runtime
// writes per emit.
void BM_writer_small_object(benchmark::State& state) {
  std::string out;
  out.reserve(256);
  for (auto _ : state) {
    out.clear();
    writer(out)
        .begin_object()
        .key("id")
        .string("u_48213")
        .key("karma")
        .integer(1289)
        .key("ratio")
        .number(0.75)
        .key("roles")
        .begin_array()
        .string("member")
        .string("moderator")
        .end_array()
        .key("verified")
        .boolean(true)
        .key("editedAt")
        .null()
        .end_object();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_string_short);
BENCHMARK(BM_string_1k_plain);
BENCHMARK(BM_string_1k_escapes);
BENCHMARK(BM_number_integer);
BENCHMARK(BM_number_fraction);
BENCHMARK(BM_number_exponent);
BENCHMARK(BM_writer_small_object);
