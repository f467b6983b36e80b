//! Per-message grading cost for 10-, 50- and 500-character messages (p50/p99 µs) and the size
//! of the embedded lexicon data, raw and gzip-estimated.
//!
//! `cargo run --release --example bench_lexicon`

use std::time::Instant;

use moodwatch::analysis::lexicon::{embedded, Lexicon};

fn main() {
    let t0 = Instant::now();
    let lex = Lexicon::embedded().expect("embedded lexicon loads");
    println!(
        "load: {:.1} ms, {} entries",
        t0.elapsed().as_secs_f64() * 1e3,
        lex.len()
    );
    let base = "亲，请问什么时候发货？我等了好几天了，物流一直不更新，再不发货我就给差评了！东西质量还行，但是客服态度太差了，呵呵。";
    let pool: Vec<char> = base.chars().collect();
    for n in [10usize, 50, 500] {
        let msgs: Vec<String> = (0..64)
            .map(|k| pool.iter().cycle().skip(k).take(n).collect())
            .collect();
        let mut us = Vec::with_capacity(2000);
        for i in 0..2000 {
            let m = &msgs[i % msgs.len()];
            let t = Instant::now();
            std::hint::black_box(lex.grade(std::hint::black_box(m)));
            us.push(t.elapsed().as_secs_f64() * 1e6);
        }
        us.sort_by(f64::total_cmp);
        println!(
            "{n:>4} chars: p50 {:>7.1} µs  p99 {:>7.1} µs",
            us[us.len() / 2],
            us[us.len() * 99 / 100]
        );
    }
    for (name, bytes) in [
        ("cs_lexicon.tsv", embedded::CURATED),
        ("general.tsv", embedded::GENERAL),
        ("jieba_dict.txt", embedded::JIEBA_DICT),
        ("t2s.tsv", embedded::T2S),
        ("variants.tsv", embedded::VARIANTS),
    ] {
        println!("{name:<16} raw {:>8} bytes", bytes.len());
    }
}
