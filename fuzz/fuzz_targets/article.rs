#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| depeche_fuzz::article(data));
