# thread9's gdb extension: installed as libthread.so.0.1.0-gdb.py, beside the library
# (build/) and under gdb's auto-load directory, so gdb loads it with the library.
# docs/DEBUGGING.md says how to let gdb trust it and how to use it.
#
#   thread9 list              every proc and thread: id, name, state, wait reason
#   thread9 bt ID|all [-full] the stack of a thread, unwound from its saved registers
#
# It reads the runtime through `thread9_debug_info` (src/runtime/debuginfo.rs): a table
# of where the proc list is and where each field lives, so it needs no DWARF for Rust
# types and works on a live process and on a core file alike (memory reads only). A
# suspended thread's stack is unwound by a Python unwinder that, for the innermost
# frame of the selected OS thread only, hands gdb the registers the coroutine switch
# saved (corosensei's switch pushes them on the thread's stack; layouts below): gdb's
# own DWARF unwinder takes it from there. No register is written, so core files work.

import struct

import gdb

try:
    from gdb.unwinder import Unwinder, register_unwinder
except ImportError:  # gdb without the unwinder API (< 7.10): no backtraces
    Unwinder = None

K_I32, K_UINT, K_BOOL, K_PTR, K_STRPTR, K_STRBUF, K_WAIT, K_CORO = range(1, 9)
# Fields shown by name; any other field of the tables is shown as name=value, so
# fields added to the runtime later appear without a change here.
KNOWN_THREAD = {"id", "grp", "proc", "co", "sel", "killed", "name", "state", "wait", "waitchan",
                "func", "stack_lo", "stack_size", "rnext", "creator", "since"}
KNOWN_PROC = {"id", "tid", "sys", "is_main", "cur", "host", "nthreads", "sleeping", "reg_head",
              "pnext", "exitmsg"}
# Thread9's own frames (hidden at the top and the bottom of a backtrace without -full).
LIB_PREFIXES = ("thread::", "corosensei::", "core::", "alloc::", "std::", "<", "thread9_",
                "stack_init_trampoline", "_ZN")


class T9Error(Exception):
    pass


def _arch():
    try:
        name = gdb.selected_frame().architecture().name()
    except gdb.error:
        name = gdb.selected_inferior().architecture().name()
    if "x86-64" in name or "x86_64" in name:
        return "x86_64"
    if "aarch64" in name:
        return "aarch64"
    raise T9Error("thread9: unsupported architecture %s (x86-64 and aarch64 are)" % name)


class Mem:
    def __init__(self):
        self.inf = gdb.selected_inferior()
        self.psize = gdb.lookup_type("void").pointer().sizeof
        little = "little" in gdb.execute("show endian", to_string=True)
        self.end = "<" if little else ">"

    def read(self, addr, n):
        try:
            return bytes(self.inf.read_memory(addr, n))
        except gdb.MemoryError:
            raise T9Error("thread9: cannot read %d bytes at %#x" % (n, addr))

    def uint(self, addr, size):
        code = {1: "B", 2: "H", 4: "I", 8: "Q"}[size]
        return struct.unpack(self.end + code, self.read(addr, size))[0]

    def ptr(self, addr):
        return self.uint(addr, self.psize)

    def cstr(self, addr, limit=256):
        if addr == 0:
            return None
        b = self.read(addr, limit)
        return b.split(b"\0", 1)[0].decode("utf-8", "replace")


class Info:
    """thread9_debug_info, decoded (see src/runtime/debuginfo.rs)."""

    def __init__(self):
        try:
            addr = int(gdb.parse_and_eval("(unsigned long)&thread9_debug_info"))
        except gdb.error:
            raise T9Error("thread9: no thread9_debug_info in this program: is it linked with thread9, "
                          "and is the program started (or a core file loaded)?")
        m = self.m = Mem()
        if m.read(addr, 8) != b"thread9\0":
            raise T9Error("thread9: thread9_debug_info at %#x has a bad magic number" % addr)
        self.version = m.uint(addr + 8, 4)
        if self.version != 1:
            raise T9Error("thread9: thread9_debug_info version %d; this script reads version 1" % self.version)
        p = m.psize
        o = addr + 16
        self.procs = m.ptr(o)
        o += p + 8  # procs, proc_size, thread_size
        pf, tf, cf = m.ptr(o), m.ptr(o + p), m.ptr(o + 2 * p)
        o += 3 * p
        npf, ntf, ncf, nwait = (m.uint(o + 4 * i, 4) for i in range(4))
        o += 16
        wn = m.ptr(o)
        self.proc_fields = self._fields(pf, npf)
        self.thread_fields = self._fields(tf, ntf)
        self.chan_fields = self._fields(cf, ncf)
        self.wait_names = [m.cstr(m.ptr(wn + i * p)) for i in range(nwait)]

    def _fields(self, addr, n):
        m = self.m
        out = {}
        esize = m.psize + 8
        for i in range(n):
            e = addr + i * esize
            name = m.cstr(m.ptr(e), 64)
            out[name] = (m.uint(e + m.psize, 4), m.uint(e + m.psize + 4, 2), m.uint(e + m.psize + 6, 2))
        return out

    def get(self, table, base, name, default=None):
        f = table.get(name)
        if f is None:
            return default
        off, kind, size = f
        m = self.m
        a = base + off
        if kind == K_I32:
            v = m.uint(a, 4)
            return v - (1 << 32) if v & 0x80000000 else v
        if kind in (K_UINT, K_WAIT):
            return m.uint(a, size if kind == K_UINT else 1)
        if kind == K_BOOL:
            return m.uint(a, 1) != 0
        if kind == K_PTR:
            return m.ptr(a)
        if kind == K_STRPTR:
            return m.cstr(m.ptr(a), size or 256)
        if kind == K_STRBUF:
            return m.cstr(a, size)
        if kind == K_CORO:
            return m.read(a, size)
        return None

    def extras(self, table, known, base):
        out = []
        for name in sorted(table):
            if name in known:
                continue
            v = self.get(table, base, name)
            if v is None or v == 0 or v is False or v == "":
                continue
            if isinstance(v, bytes):
                continue
            out.append("%s=%s" % (name, hex(v) if isinstance(v, int) and v > 4096 else v))
        return out


class Thr:
    pass


def snapshot():
    """Reads every proc and thread: a list of (proc dict, [Thr])."""
    info = Info()
    m = info.m
    P, T = info.proc_fields, info.thread_fields
    procs = []
    p = m.ptr(info.procs)
    seen = set()
    while p and p not in seen and len(seen) < 100000:
        seen.add(p)
        pr = {"addr": p}
        for k in KNOWN_PROC:
            pr[k] = info.get(P, p, k)
        pr["extra"] = info.extras(P, KNOWN_PROC, p)
        threads = []
        t = pr["reg_head"] or 0
        tseen = set()
        while t and t not in tseen and len(tseen) < 10000000:
            tseen.add(t)
            th = Thr()
            th.addr = t
            th.p = pr
            for k in KNOWN_THREAD:
                setattr(th, k, info.get(T, t, k))
            th.extra = info.extras(T, KNOWN_THREAD, t)
            threads.append(th)
            t = th.rnext or 0
        threads.reverse()  # the registry is newest first
        procs.append((pr, threads))
        p = pr["pnext"] or 0
    procs.reverse()
    return info, procs


def funcname(addr):
    if not addr:
        return None
    try:
        b = gdb.current_progspace().block_for_pc(addr)
        while b is not None and b.function is None:
            b = b.superblock
        if b is not None and b.function is not None:
            return b.function.print_name
    except (RuntimeError, gdb.error):
        pass
    try:
        s = gdb.execute("info symbol %#x" % addr, to_string=True).strip()
        if not s.startswith("No symbol"):
            return s.split(" in section")[0].replace(" + 0", "")
    except gdb.error:
        pass
    return "%#x" % addr


def runs(th):
    f = funcname(th.func)
    # threadmain runs from the library's trampoline.
    return "threadmain" if f and f.endswith("main_tramp") else f


def creator(th):
    """'FUNCTION at file:line' of the call that created the thread (its return address,
    recorded by threadcreate/proccreate), or None for threads the library made."""
    ra = getattr(th, "creator", None) or 0
    if not ra:
        return None
    f = funcname(ra - 1)
    if f and " + " in f:
        f = f.split(" + ")[0]
    try:
        sal = gdb.find_pc_line(ra - 1)
        if sal.symtab is not None and sal.line:
            return "%s at %s:%d" % (f, sal.symtab.filename, sal.line)
    except (RuntimeError, gdb.error):
        pass
    return f


def status(info, th):
    """The thread's state: 'running', 'hosting', or its wait."""
    pr = th.p
    if pr["cur"] == th.addr:
        return "running"
    w = th.wait or 0
    name = info.wait_names[w] if w < len(info.wait_names) else "wait#%d" % w
    if name == "ready":
        return "ready"
    s = {"sleep": "sleeping", "iocall": "in iocall"}.get(name, name)
    if name in ("send", "recv", "alt", "lock", "fd", "exec"):
        s = "blocked in " + name
    if name in ("send", "recv") and th.waitchan:
        cn = info.get(info.chan_fields, th.waitchan, "name")
        s += " on channel " + ('"%s"' % cn if cn else "%#x" % th.waitchan)
    elif th.waitchan:
        s += " on %#x" % th.waitchan
    if pr["host"] == th.addr and pr["cur"]:
        # Parked, it runs its proc's ready threads from its own stack (sched::host).
        hosted = info.get(info.thread_fields, pr["cur"], "id")
        s += ", hosting thread %s" % hosted
    return s


def words(info, blob):
    m = info.m
    n = m.psize
    code = m.end + ("Q" if n == 8 else "I")
    return [struct.unpack(code, blob[i:i + n])[0] for i in range(0, len(blob) - n + 1, n)]


def stack_top(th):
    """Where the thread's coroutine stack begins: its Thread sits at the top of its own
    stack, and the coroutine runs below it."""
    lo, hi = th.stack_lo, th.stack_lo + th.stack_size
    return th.addr if lo < th.addr < hi else hi


def saved_sp(info, th):
    """The stack pointer a suspended thread's switch saved, or None (never started)."""
    lo, hi = th.stack_lo, stack_top(th)
    cands = sorted(set(w for w in words(info, th.co or b"") if lo < w < hi))
    if len(cands) < 2:
        return None  # only the initial stack pointer: it never ran
    return cands[0]


def saved_regs(info, th, arch):
    """[(register, value)] to resume unwinding `th` from, or a reason string."""
    m = info.m
    pr = th.p
    if pr["host"] == th.addr and pr["cur"] and pr["cur"] != th.addr:
        # It runs another thread from its own stack (sched::host): its registers are on
        # its stack, where that thread's parent link points.
        hosted = next((t for t in all_threads if t.addr == pr["cur"]), None)
        if hosted is None:
            return "hosting a thread that is not registered"
        link = m.ptr(stack_top(hosted) - 16)
        if arch == "x86_64":
            return [("rbp", m.ptr(link)), ("rip", m.ptr(link + 8)), ("rbx", m.ptr(link + 16)),
                    ("rsp", link + 24)]
        return [("x29", m.ptr(link)), ("pc", m.ptr(link + 8)), ("x19", m.ptr(link + 16)), ("sp", link + 32)]
    sp = saved_sp(info, th)
    if sp is None:
        return "not started yet: it will run %s" % funcname(th.func)
    # corosensei's switch_yield pushes, on x86-64, RBP, RBX and the resume address (so
    # the saved stack pointer points at RIP, RBX, RBP); on aarch64 it stores X19, X29
    # and the resume address in a 32-byte block.
    if arch == "x86_64":
        return [("rip", m.ptr(sp)), ("rbx", m.ptr(sp + 8)), ("rbp", m.ptr(sp + 16)), ("rsp", sp + 24)]
    return [("x19", m.ptr(sp)), ("x29", m.ptr(sp + 8)), ("pc", m.ptr(sp + 16)), ("sp", sp + 32)]


all_threads = []


class _FrameId:
    def __init__(self, sp, pc):
        self.sp = gdb.Value(sp)
        self.pc = gdb.Value(pc)


if Unwinder is not None:
    class CoroUnwinder(Unwinder):
        """Unwinds the innermost frame of one OS thread into a suspended coroutine."""

        def __init__(self):
            super().__init__("thread9")
            self.regs = None
            self.ptid = None

        def __call__(self, pending_frame):
            if self.regs is None:
                return None
            if hasattr(pending_frame, "level") and pending_frame.level() != 0:
                return None
            th = gdb.selected_thread()
            if th is None or th.ptid != self.ptid:
                return None
            arch = self.arch
            spname, pcname = ("rsp", "rip") if arch == "x86_64" else ("sp", "pc")
            pc = int(pending_frame.read_register(pcname))
            regs = dict(self.regs)
            # The innermost frame's id: any stack address below the coroutine's frames
            # (gdb requires each caller's frame to be outer to its callee's).
            fid = _FrameId(regs[spname] - 16, pc)
            ui = pending_frame.create_unwind_info(fid)
            for name, val in self.regs:
                ui.add_saved_register(name, gdb.Value(val).cast(pending_frame.read_register(name).type))
            return ui

    UNWINDER = CoroUnwinder()
    register_unwinder(None, UNWINDER, replace=True)
else:
    UNWINDER = None


def is_lib(name, pc):
    try:
        so = gdb.solib_name(pc)
    except gdb.error:
        so = None
    if so and "/libthread.so" in so or (so or "").endswith("libthread.so"):
        return True
    return name is None or name.startswith(LIB_PREFIXES)


def frame_line(i, fr):
    pc = fr.pc()
    fn = fr.function()
    name = fn.print_name if fn is not None else (fr.name() or "??")
    sal = fr.find_sal()
    s = "#%-2d %#018x in %s ()" % (i, pc, name)
    if sal.symtab is not None and sal.line:
        s += " at %s:%d" % (sal.symtab.filename, sal.line)
    else:
        so = gdb.solib_name(pc)
        if so:
            s += " from " + so
    return s, name


def walk(arch, lo, hi, limit=256):
    """Frames older than the innermost (the coroutine's), while inside [lo, hi)."""
    out = []
    spname = "rsp" if arch == "x86_64" else "sp"
    fr = gdb.newest_frame().older()
    while fr is not None and len(out) < limit:
        try:
            sp = int(fr.read_register(spname))
        except gdb.error:
            break
        if not lo <= sp <= hi:
            break
        out.append(fr)
        name = fr.name() or ""
        if "stack_init_trampoline" in name:
            break
        try:
            fr = fr.older()
        except gdb.error:
            break
    return out


def print_frames(frames, full):
    lines = []
    for fr in frames:
        s, name = frame_line(0, fr)
        lines.append((s, is_lib(name, fr.pc())))
    shown = list(range(len(lines)))
    hidden = 0
    if not full and lines:
        first = next((i for i, (_, lib) in enumerate(lines) if not lib), None)
        if first is not None:
            start = max(first - 1, 0)  # keep the library call the thread waits in
            end = len(lines)
            while end > first and lines[end - 1][1]:
                end -= 1
            shown = list(range(start, end))
            hidden = len(lines) - len(shown)
    for n, i in enumerate(shown):
        s = lines[i][0]
        gdb.write("#%-2d%s\n" % (n, s[3:]))
    if hidden:
        gdb.write("    (%d thread9 frames hidden: thread9 bt -full)\n" % hidden)


def gdb_thread_for(lwp):
    for t in gdb.selected_inferior().threads():
        if t.ptid[1] == lwp or (t.ptid[1] == 0 and t.ptid[0] == lwp):
            return t
    return None


def bt_running(th, full):
    lwp = th.p["tid"]
    gt = gdb_thread_for(lwp)
    if gt is None:
        gdb.write("    running on proc %d (LWP %d), which gdb does not show\n" % (th.p["id"], lwp))
        return
    old = gdb.selected_thread()
    try:
        gt.switch()
        frames = []
        fr = gdb.newest_frame()
        while fr is not None and len(frames) < 256:
            frames.append(fr)
            fr = fr.older()
        lo, hi = th.stack_lo, th.stack_lo + th.stack_size
        mine = [f for f in frames if lo <= int(f.read_register("rsp" if _arch() == "x86_64" else "sp")) <= hi]
        gdb.write("    running on proc %d (gdb thread %d, LWP %d)\n" % (th.p["id"], gt.num, lwp))
        print_frames(mine or frames, full)
    finally:
        if old is not None:
            old.switch()


def bt_suspended(info, th, full):
    arch = _arch()
    regs = saved_regs(info, th, arch)
    if isinstance(regs, str):
        gdb.write("    (%s)\n" % regs)
        return
    if UNWINDER is None:
        gdb.write("    (this gdb has no Python unwinder API: no backtrace)\n")
        return
    cur = gdb.selected_thread()
    if cur is None:
        raise T9Error("thread9: no thread selected")
    if all(v == 0 for name, v in regs if name not in ("rsp", "sp")):
        gdb.write("    (its stack is not in this core file: gcore cannot read stacks with MADV_GUARD_INSTALL\n"
                  "     guards and writes zeros; see docs/DEBUGGING.md)\n")
        return
    UNWINDER.regs = regs
    UNWINDER.ptid = cur.ptid
    UNWINDER.arch = arch
    gdb.invalidate_cached_frames()
    try:
        frames = walk(arch, th.stack_lo, th.stack_lo + th.stack_size)
        print_frames(frames, full)
    finally:
        UNWINDER.regs = None
        gdb.invalidate_cached_frames()


def header(info, th):
    s = 'thread %d "%s" %s' % (th.id, th.name or "", status(info, th))
    if th.state:
        s += " [%s]" % th.state
    return s


class Thread9(gdb.Command):
    """thread9 commands: thread9 list, thread9 bt ID|all [-full]."""

    def __init__(self):
        super().__init__("thread9", gdb.COMMAND_STACK, prefix=True)


class Thread9List(gdb.Command):
    """List thread9's procs and threads: id, name, state and what each waits for.

Usage: thread9 list"""

    def __init__(self):
        super().__init__("thread9 list", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        try:
            info, procs = snapshot()
        except T9Error as e:
            raise gdb.GdbError(str(e))
        if not procs:
            gdb.write("thread9: no procs (the program has not started thread9, or has ended)\n")
        for pr, threads in procs:
            flags = []
            if pr["is_main"]:
                flags.append("main")
            if pr["sys"]:
                flags.append("system")
            flags.append("sleeping" if pr["sleeping"] else "awake")
            flags += pr["extra"]
            gt = gdb_thread_for(pr["tid"]) if pr["tid"] else None
            where = "LWP %d" % pr["tid"] + (", gdb thread %d" % gt.num if gt is not None else "")
            gdb.write("proc %d (%s) %s: %d threads\n" % (pr["id"], where, " ".join(flags), len(threads)))
            for th in threads:
                extra = " " + " ".join(th.extra) if th.extra else ""
                by = creator(th)
                gdb.write("  %s%s  runs %s%s\n" % (header(info, th), extra, runs(th),
                                                  ", created by " + by if by else ""))


class Thread9Bt(gdb.Command):
    """Backtrace of a thread9 thread, unwound from the registers its last switch saved.

Usage: thread9 bt ID [-full]    one thread, by its threadid()
       thread9 bt all [-full]   every thread
The library's own frames above the call the thread waits in (and below its function)
are hidden unless -full is given. Works on a live process and on a core file."""

    def __init__(self):
        super().__init__("thread9 bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        global all_threads
        args = arg.split()
        full = "-full" in args
        args = [a for a in args if a != "-full"]
        if len(args) != 1:
            raise gdb.GdbError("usage: thread9 bt ID|all [-full]")
        try:
            info, procs = snapshot()
            all_threads = [t for _, ts in procs for t in ts]
            if args[0] == "all":
                want = all_threads
            else:
                try:
                    n = int(args[0], 0)
                except ValueError:
                    raise T9Error("thread9 bt: %r is not a thread id (thread9 list shows them)" % args[0])
                want = [t for t in all_threads if t.id == n]
                if not want:
                    raise T9Error("thread9 bt: no thread %d (thread9 list shows them)" % n)
            for th in want:
                gdb.write("thread %d (proc %d) %s\n" % (th.id, th.p["id"], header(info, th)[len("thread %d " % th.id):]))
                if th.p["cur"] == th.addr:
                    bt_running(th, full)
                else:
                    bt_suspended(info, th, full)
                by = creator(th)
                gdb.write("    runs %s%s\n" % (runs(th), ", created by " + by if by else ""))
        except T9Error as e:
            raise gdb.GdbError(str(e))


Thread9()
Thread9List()
Thread9Bt()
