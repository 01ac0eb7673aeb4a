//! A small deterministic generator (xorshift) for the generated-profile tests, so that
//! failures reproduce.
pub struct Rng(pub u64);

#[allow(dead_code)] // each test file uses what it needs
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}
