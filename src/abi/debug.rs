//! `thread9_debug_info`: the debugger's map of the runtime (runtime::debuginfo), read
//! by the gdb extension (tools/libthread-gdb.py, docs/DEBUGGING.md). Data, not code.

use crate::runtime::debuginfo::{chan_fields, info, DebugInfo, Field};

static CHAN_FIELDS: [Field; 1] = chan_fields(core::mem::offset_of!(crate::chan::Channel, name));

/// Where the proc list and each field the debugger shows live (versioned).
#[no_mangle]
#[used]
pub static thread9_debug_info: DebugInfo = info(&CHAN_FIELDS);
