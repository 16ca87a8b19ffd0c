# gdb pretty-printers for the executor's types.
#
# rustc embeds this file in every program that links the executor (see the
# `debugger_visualizer` attribute in executor/src/lib.rs), and gdb loads it when
# the program's directory is on its auto-load safe path. Without it, gdb prints a
# Future as the raw fields of an Arc, a OnceLock and a parking_lot mutex over a
# trait object; with it, a future prints the way Python's repr does:
#
#     (gdb) p future
#     $1 = <Future at 0x5555558a1ec0 state=finished returned u64>
#
# The printers walk fields by name and search through wrapper structs (Arc,
# UnsafeCell, lock_api's Mutex) rather than hard-coding one layout, so a new
# version of parking_lot or std that adds a wrapper does not break them.

import re

import gdb
import gdb.printing

# A future's state is the tag of its stage (`executor/src/stage.rs`), the stage's first byte:
# `#[repr(u8)]` numbers the variants in this order.
_STAGES = ["Pending", "Running", "Cancelled", "CancelledAndNotified", "Finished"]

# The stage's alignment for a future's shared state seen on its own, by address: only the
# queued job that holds it (TaskPrinter) knows its concrete type.
_STAGE_ALIGN = {}

# The repr words for each state, as executor::stage::State::repr_name gives them.
_STATE_WORDS = {
    "Pending": "pending",
    "Running": "running",
    "Cancelled": "cancelled",
    "CancelledAndNotified": "cancelled",
    "Finished": "finished",
}


# The Python exception names of executor::errors::Error's variants (Error::python_name).
_ERROR_NAMES = {
    "Cancelled": "CancelledError",
    "Timeout": "TimeoutError",
    "Panic": "panic",
    "BrokenThreadPool": "BrokenThreadPool",
    "Shutdown": "RuntimeError",
    "ThreadStart": "RuntimeError",
    "UnexpectedState": "RuntimeError",
    "InvalidState": "InvalidStateError",
    "InvalidMaxWorkers": "ValueError",
    "InvalidThreadNamePrefix": "ValueError",
    "InvalidBuffersize": "ValueError",
}


# executor::worker::Phase::Running and ::Waiting as the worker's phase cell stores them.
_PHASE_RUNNING = 1
_PHASE_WAITING = 3


def _field_names(value):
    try:
        return [field.name for field in value.type.strip_typedefs().fields()]
    except (TypeError, gdb.error):
        return []


def _find(value, name, type_prefix=None, depth=8):
    """The first field called `name` (of a type whose name starts with `type_prefix`, if given)
    found breadth-first through nested structs."""
    level = [value]
    for _ in range(depth):
        deeper = []
        for candidate in level:
            names = _field_names(candidate)
            if name in names:
                found = candidate[name]
                if type_prefix is None or str(found.type.strip_typedefs()).startswith(type_prefix):
                    return found
            for field in names:
                if field is None:
                    continue
                try:
                    child = candidate[field]
                except gdb.error:
                    continue
                if child.type.strip_typedefs().code == gdb.TYPE_CODE_STRUCT:
                    deeper.append(child)
        level = deeper
    raise gdb.error("no field %r" % name)


def _deref_box(boxed):
    """What a Box<T> of a sized T points at (gdb shows such a Box as a plain pointer)."""
    if boxed.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
        return boxed.dereference()
    return _find(boxed, "pointer").dereference()


def _raw_pointer(value):
    """The raw pointer inside Unique/NonNull wrappers."""
    while value.type.strip_typedefs().code != gdb.TYPE_CODE_PTR:
        value = value["pointer"]
    return value


def _buffer_start(raw_vec, element_type):
    """A pointer to the first element of a Vec's or VecDeque's buffer."""
    return _raw_pointer(_find(raw_vec, "ptr")).cast(element_type.pointer())


def _capacity(raw_vec):
    """A RawVec's capacity (a plain usize, or a newtype around one)."""
    cap = _find(raw_vec, "cap")
    while cap.type.strip_typedefs().code == gdb.TYPE_CODE_STRUCT:
        cap = cap[cap.type.strip_typedefs().fields()[0]]
    return int(cap)


def _vec_items(vec):
    """The elements of a Vec<T>."""
    element_type = vec.type.strip_typedefs().template_argument(0)
    start = _buffer_start(vec["buf"], element_type)
    return [(start + index).dereference() for index in range(int(vec["len"]))]


def _thin(pointer):
    """A pointer's address part: a pointer to a `dyn` (or to a struct ending in one) is a
    {pointer, vtable} pair in gdb."""
    if pointer.type.strip_typedefs().code == gdb.TYPE_CODE_STRUCT and "vtable" in _field_names(pointer):
        return pointer["pointer"]
    return pointer


def _arc_target(arc):
    """The value an Arc points at, and its address (what Arc::as_ptr returns). For an Arc of a
    struct ending in a `dyn` (a future: `Inner<T, dyn ErasedStage<T>>`), the fields before it:
    gdb places them as if the `dyn` part had no alignment of its own, so a call aligned more
    than they are (its alignment is the vtable's third word) moves them on to its alignment."""
    pointer = arc["ptr"]["pointer"]
    data = _thin(pointer).dereference()["data"]
    if "vtable" not in _field_names(pointer):
        return data, int(data.address)
    align = int(pointer["vtable"].dereference()[2])
    address = (int(data.address) + align - 1) // align * align
    return gdb.Value(address).cast(data.type.pointer()).dereference(), address


def _arc_dyn_target(arc):
    """The value an `Arc<dyn Trait>` points at, as its concrete type. gdb finds that type from
    the vtable, but reads it where the Arc's header is; the value sits after the header's two
    counts, at an offset its alignment (the vtable's third word) sets."""
    fat = arc["ptr"]["pointer"]
    gdb.set_convenience_variable("__executor_dyn", fat)
    concrete = gdb.parse_and_eval("*$__executor_dyn").type
    align = int(fat["vtable"].dereference()[2])
    header = 2 * gdb.lookup_type("usize").sizeof
    offset = (header + align - 1) // align * align
    address = int(fat["pointer"]) + offset
    return gdb.Value(address).cast(concrete.pointer()).dereference()


def _first_generic_argument(type_name):
    """`Inner<u64, dyn executor::future::ErasedStage<u64>>` -> `u64`."""
    inside = _generic_argument(type_name)
    depth = 0
    for index, char in enumerate(inside):
        if char in "<([":
            depth += 1
        elif char in ">)]" and not inside[index - 1 : index + 1] == "->":
            depth -= 1
        elif char == "," and depth == 0:
            return inside[:index].strip()
    return inside


def _generic_argument(type_name):
    """`executor::future::Future<alloc::string::String>` -> `alloc::string::String`."""
    start = type_name.find("<")
    if start < 0 or not type_name.endswith(">"):
        return type_name
    return type_name[start + 1 : -1]


def _stage_state(inner, address, align):
    """A future's state, read off the first byte of its stage: `inner` is its shared state
    (`Inner<T, S>`) at `address`, `align` the stage's alignment. The stage ends the
    allocation, inside the mutex inside `guarded`; gdb places a `dyn` stage as if it had no
    alignment of its own, so each field on the way is moved on to the alignment it really has:
    the stage's, and at least a pointer's for the two that also hold the listeners' box."""
    pointer_align = gdb.lookup_type("usize").sizeof
    value = inner
    for name in ("guarded", "data", "value", "stage"):
        field = next(f for f in value.type.strip_typedefs().fields() if f.name == name)
        step = align if name == "stage" else max(pointer_align, align)
        address = (address + field.bitpos // 8 + step - 1) // step * step
        if name != "stage":
            value = value[name]
    tag = int(gdb.Value(address).cast(gdb.lookup_type("u8").pointer()).dereference())
    return _STAGES[tag] if tag < len(_STAGES) else "unreadable"


def _short_type_name(full):
    """Drops module paths, as the executor's repr does: Option<alloc::string::String> -> Option<String>."""
    return re.sub(r"(?:[A-Za-z_][A-Za-z0-9_]*::)+", "", full)


def _string(value):
    """A Rust String's (or &str's) text, read from memory, so that it works without rustc's own
    printers loaded (plain `gdb` rather than `rust-gdb`)."""
    names = _field_names(value)
    if "data_ptr" in names:  # &str
        pointer, length = value["data_ptr"], int(value["length"])
    else:  # String -> Vec<u8>
        vec = _find(value, "vec") if "vec" in names else value
        pointer, length = _buffer_start(vec["buf"], gdb.lookup_type("u8")), int(vec["len"])
    if length == 0:
        return ""
    memory = gdb.selected_inferior().read_memory(pointer, length)
    return bytes(memory).decode("utf-8", errors="replace")


def _debug_str(text):
    """Rust's `{:?}` of a string: quoted, with quotes, backslashes and control characters escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return '"%s"' % escaped


def _enum_variant(value):
    """The active variant's name of a Rust enum value (`Finished`, `Ok`, `Some`, ...).

    gdb's Python API lists every variant of a Rust enum as a field, not only the active one,
    so this reads the variant's name off gdb's own printing: `<enum type>::<Variant>...`.
    `summary=False`: a frame line prints its arguments in summary mode, where that text would
    be `...` and every enum would look like none of its variants."""
    text = value.format_string(raw=True, max_depth=1, summary=False)
    type_name = str(value.type.strip_typedefs())
    if text.startswith(type_name + "::"):
        text = text[len(type_name) + 2 :]
    match = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text)
    return match.group(0) if match else text


def _enum_payload(value):
    """The single payload of a tuple-like variant such as Some(x), Ok(x) or Err(e), or None."""
    variant = _enum_variant(value)
    try:
        return value[variant]["__0"]
    except gdb.error:
        return None


def _find_type(value, type_prefix, depth=8):
    """The first value, breadth-first through nested structs and unions, whose type name starts
    with `type_prefix`."""
    level = [value]
    for _ in range(depth):
        deeper = []
        for candidate in level:
            if str(candidate.type.strip_typedefs()).startswith(type_prefix):
                return candidate
            for field in _field_names(candidate):
                if field is None:
                    continue
                try:
                    child = candidate[field]
                except gdb.error:
                    continue
                if child.type.strip_typedefs().code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
                    deeper.append(child)
        level = deeper
    raise gdb.error("no %s inside %s" % (type_prefix, value.type))


def _error_name(error):
    """Error::python_name for an executor::errors::Error value."""
    variant = _enum_variant(error)
    if variant == "Custom":
        try:
            return _find(error, "type_name").string()
        except gdb.error:
            pass
    return _ERROR_NAMES.get(variant, variant)


def _outcome_result(outcome):
    """The Result<T, Box<Error>> inside the future's outcome cell (read only once FINISHED)."""
    return _find_type(outcome, "core::result::Result<")


def _unboxed(payload):
    """An outcome's payload as a value: the error a Box holds, or the value itself."""
    type_name = str(payload.type.strip_typedefs())
    if type_name.startswith("alloc::boxed::Box<") or payload.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
        return _deref_box(payload)
    return payload


# crossbeam-channel's unbounded (`list`) flavour, as its src/flavors/list.rs lays it out: an index
# counts positions shifted left by one (the low bit marks a disconnected channel); a block holds
# LAP - 1 slots, and the position after its last slot stands for the hop to the next block.
_LAP = 32
_SHIFT = 1
_SLOT_WRITTEN = 1


def _list_channel(receiver):
    """The list::Channel behind a crossbeam Receiver or Sender, or None for another flavour."""
    flavor = _find(receiver, "flavor")
    if _enum_variant(flavor) != "List":
        return None
    return _enum_payload(flavor)["counter"].dereference()["chan"]


def _position(chan, end):
    """The head's or the tail's index (mark bit cleared) and its block pointer."""
    index = int(_find(_find(chan[end], "index"), "value"))
    return index & ~((1 << _SHIFT) - 1), _find(_find(chan[end], "block"), "value")


def _queue_len(chan):
    """How many messages wait in the channel: list::Channel::len's arithmetic."""
    head, _ = _position(chan, "head")
    tail, _ = _position(chan, "tail")
    if (tail >> _SHIFT) & (_LAP - 1) == _LAP - 1:
        tail += 1 << _SHIFT
    if (head >> _SHIFT) & (_LAP - 1) == _LAP - 1:
        head += 1 << _SHIFT
    lap = (head >> _SHIFT) // _LAP
    tail = (tail - ((lap * _LAP) << _SHIFT)) >> _SHIFT
    head = (head - ((lap * _LAP) << _SHIFT)) >> _SHIFT
    return tail - head - tail // _LAP


def _queue_items(chan):
    """The messages waiting in the channel, oldest first, found the way the channel's Drop walks
    its blocks. A slot a sender is still writing is skipped."""
    head, block = _position(chan, "head")
    tail, _ = _position(chan, "tail")
    while head != tail and int(block) != 0:
        offset = (head >> _SHIFT) % _LAP
        if offset < _LAP - 1:
            slot = block.dereference()["slots"][offset]
            if int(_find(slot["state"], "value")) & _SLOT_WRITTEN:
                message_type = str(chan.type.strip_typedefs().template_argument(0))
                yield _find_type(slot["msg"], message_type)
        else:
            block = _find(block.dereference()["next"], "value")
        head += 1 << _SHIFT


class FuturePrinter:
    """executor::future::Future<T>: Python's repr, then the outcome if there is one. Also its
    shared state seen on its own (`Inner<T, dyn ErasedStage<T>>`), as a queued task shows it."""

    def __init__(self, value):
        self.value = value

    def _parts(self):
        if "inner" in _field_names(self.value):
            inner, address = _arc_target(self.value["inner"])
            align = int(self.value["inner"]["ptr"]["pointer"]["vtable"].dereference()[2])
            value_type = _generic_argument(str(self.value.type.strip_typedefs()))
        else:
            inner, address = self.value, int(self.value.address)
            align = _STAGE_ALIGN.get(address, 1)
            value_type = _first_generic_argument(str(self.value.type.strip_typedefs()))
        state = _stage_state(inner, address, align)
        return inner, address, state, value_type

    def to_string(self):
        try:
            inner, address, state, value_type = self._parts()
        except gdb.error as error:
            return "<Future (unreadable: %s)>" % error
        text = "<Future at 0x%x state=%s" % (address, _STATE_WORDS.get(state, state))
        if state == "Finished":
            result = self._result(inner)
            if result is not None:
                variant, payload = result
                if variant == "Ok":
                    text += " returned " + _short_type_name(value_type)
                elif variant == "Err" and payload is not None:
                    text += " raised " + _error_name(payload)
        return text + ">"

    def _result(self, inner):
        try:
            result = _outcome_result(inner["outcome"])
            payload = _enum_payload(result)
            return _enum_variant(result), None if payload is None else _unboxed(payload)
        except gdb.error:
            return None

    def children(self):
        try:
            inner, _, state, _ = self._parts()
            if state != "Finished":
                return
            result = _outcome_result(inner["outcome"])
            payload = _enum_payload(result)
            if payload is not None:
                if _enum_variant(result) == "Ok":
                    yield ("result", payload)
                else:
                    yield ("exception", _unboxed(payload))
        except gdb.error:
            return


class PanicPrinter:
    """executor::exception::Panic: its message, where, and on which thread."""

    def __init__(self, value):
        self.value = value

    def to_string(self):
        text = _deref_box(self.value["__0"])
        parts = ["panic"]
        thread = _enum_payload(text["thread"])
        if thread is not None:
            parts.append(" in thread '%s'" % _string(thread))
        location = _enum_payload(text["location"])
        if location is not None:
            parts.append(" at %s" % _string(location))
        parts.append(": %s" % _debug_str(_string(text["message"])))
        return "".join(parts)


class WorkItemPrinter:
    """executor::work_item::WorkItem: the task number and the boxed job, looked through."""

    def __init__(self, value):
        self.value = value

    def to_string(self):
        try:
            job = _arc_dyn_target(self.value["job"])
            if "link" in _field_names(job):
                task = _enum_payload(job["link"])["task"]
            else:
                task = job["task"]
            return "WorkItem(task %d)" % int(task)
        except gdb.error:
            return "WorkItem (unreadable)"

    def children(self):
        yield ("job", self.value["job"])


class JobPrinter:
    """Arc<dyn Job>: looks through the trait object to the job it holds."""

    def __init__(self, value):
        self.value = value

    def to_string(self):
        try:
            return _arc_dyn_target(self.value)
        except gdb.error:
            return "Arc<dyn Job> (unreadable)"


class TaskPrinter:
    """A submitted call: the future's shared state holding its call in its stage
    (`executor::future::Inner<T, executor::stage::Stage<F>>`). Shows whether the call has
    been taken to run, then the future it completes."""

    def __init__(self, value):
        self.value = value

    def _stage(self):
        return self.value["guarded"]["data"]["value"]["stage"]

    def to_string(self):
        # A worker takes the call out in the same step as it moves the future to RUNNING.
        state = _stage_state(self.value, int(self.value.address), self._stage().type.alignof)
        called = state in ("Running", "Finished")
        return "Task(%s)" % ("called" if called else "not yet called")

    def children(self):
        # The same memory as the future's own handle sees it, which FuturePrinter reads.
        value_type = _first_generic_argument(str(self.value.type.strip_typedefs()))
        erased = gdb.lookup_type(
            "executor::future::Inner<%s, dyn executor::future::ErasedStage<%s>>"
            % (value_type, value_type)
        )
        address = int(self.value.address)
        _STAGE_ALIGN[address] = self._stage().type.alignof
        yield ("future", self.value.address.cast(erased.pointer()).dereference())


class ItemTaskPrinter:
    """executor::work_item::ItemTask<I, F, T>: one item of a map, its place in the input and
    where its call is: `ItemTask(item 1, state=running)`."""

    def __init__(self, value):
        self.value = value

    def to_string(self):
        # Read off two flags, not the `Option` in the item's lock: gdb misreads where an
        # `Option`'s discriminant is inside a `Mutex` reached through a `dyn`.
        if not int(_find(self.value["taken"], "value")):
            state = "pending"
        elif int(_find(self.value["sent"], "value")):
            state = "finished"
        else:
            state = "running"
        return "ItemTask(item %d, state=%s)" % (int(self.value["index"]), state)


class MapPrinter:
    """executor::map::Map<T>: the text Display gives, then the items not yet yielded (each
    awaited, with its task number, or arrived)."""

    def __init__(self, value):
        self.value = value

    def to_string(self):
        buffered = _enum_variant(self.value["refill"]) == "Some"
        return "<executor::Map: %d results not yet yielded%s>" % (
            int(self.value["pending"]["len"]),
            ", more to submit" if buffered else "",
        )

    def children(self):
        pending = self.value["pending"]
        length, head = int(pending["len"]), int(pending["head"])
        capacity = _capacity(pending["buf"])
        element_type = pending.type.strip_typedefs().template_argument(0)
        start = _buffer_start(pending["buf"], element_type)
        for index in range(length):
            yield ("[%d]" % index, (start + (head + index) % max(capacity, 1)).dereference())

    def display_hint(self):
        return "array"


class PoolPrinter:
    """executor::thread_pool_executor::ThreadPoolExecutor (and its Pool): what its Debug shows,
    then the work items waiting in the queue, oldest first."""

    def __init__(self, value):
        self.value = value

    def _pool(self):
        if "pool" in _field_names(self.value):
            return _arc_target(self.value["pool"])[0]
        return self.value

    def to_string(self):
        pool = self._pool()
        control = _find(pool["control"], "value", "executor::thread_pool_executor::Control")
        threads = _vec_items(control["threads"])
        phases = [_arc_target(thread["phase"])[0] for thread in threads]
        running = sum(1 for phase in phases if int(_find(phase, "value")) == _PHASE_RUNNING)
        idle = sum(1 for phase in phases if int(_find(phase, "value")) == _PHASE_WAITING)
        text = (
            'ThreadPoolExecutor { name: "%s", max_workers: %d, threads: %d, running: %d, '
            "shutdown: %s, broken: %s, idle: %d"
            % (
                _string(pool["thread_name_prefix"]),
                int(pool["max_workers"]),
                len(threads),
                running,
                "true" if _enum_variant(control["sender"]) == "None" else "false",
                "true" if bool(control["broken"]) else "false",
                idle,
            )
        )
        chan = _list_channel(pool["work_queue"])
        if chan is not None:
            text += ", queued: %d" % _queue_len(chan)
        return text + " }"

    def children(self):
        chan = _list_channel(self._pool()["work_queue"])
        if chan is None:
            return
        for index, item in enumerate(_queue_items(chan)):
            yield ("[%d]" % index, item)

    def display_hint(self):
        return "array"


class PhaseCellPrinter:
    """executor::worker::PhaseCell: the worker's phase by name."""

    _NAMES = ["Starting", "Running", "Finishing", "Waiting", "Promised"]

    def __init__(self, value):
        self.value = value

    def to_string(self):
        number = int(_find(self.value, "value"))
        name = self._NAMES[number] if number < len(self._NAMES) else str(number)
        return "Phase::" + name


class MutexPrinter:
    """lock_api::Mutex (parking_lot's): locked or not, and the data it guards."""

    def __init__(self, value):
        self.value = value

    def to_string(self):
        locked = int(_find(self.value["raw"], "value")) & 1
        return "Mutex(%s)" % ("locked" if locked else "unlocked")

    def children(self):
        yield ("data", _find(self.value["data"], "value"))


class MutexGuardPrinter:
    """lock_api::MutexGuard: the guarded data, read through the guard's pointer."""

    def __init__(self, value):
        self.value = value

    def to_string(self):
        return "MutexGuard"

    def children(self):
        mutex = self.value["mutex"].dereference()
        yield ("data", _find(mutex["data"], "value"))


def _build():
    printers = gdb.printing.RegexpCollectionPrettyPrinter("executor")
    printers.add_printer("Future", r"^executor::future::Future<.*>$", FuturePrinter)
    printers.add_printer("Panic", r"^executor::exception::Panic$", PanicPrinter)
    printers.add_printer("WorkItem", r"^executor::work_item::WorkItem$", WorkItemPrinter)
    printers.add_printer(
        "Task", r"^executor::future::Inner<.*, executor::stage::Stage<.*>>$", TaskPrinter
    )
    printers.add_printer(
        "Future's state",
        r"^executor::future::Inner<.*, dyn executor::future::ErasedStage<.*>>$",
        FuturePrinter,
    )
    printers.add_printer(
        "Arc<dyn Job>", r"^alloc::sync::Arc<dyn executor::work_item::Job, .*>$", JobPrinter
    )
    printers.add_printer("ItemTask", r"^executor::work_item::ItemTask<.*>$", ItemTaskPrinter)
    printers.add_printer("Map", r"^executor::map::Map<.*>$", MapPrinter)
    printers.add_printer(
        "ThreadPoolExecutor",
        r"^executor::thread_pool_executor::(ThreadPoolExecutor|Pool)$",
        PoolPrinter,
    )
    printers.add_printer("PhaseCell", r"^executor::worker::PhaseCell$", PhaseCellPrinter)
    printers.add_printer(
        "Mutex", r"^lock_api::mutex::Mutex<parking_lot::raw_mutex::RawMutex, .*>$", MutexPrinter
    )
    printers.add_printer(
        "MutexGuard",
        r"^lock_api::mutex::MutexGuard<parking_lot::raw_mutex::RawMutex, .*>$",
        MutexGuardPrinter,
    )
    return printers


class StoryFrameFilter:
    """`bt` as the story of a task: the task's own frames, `Job::run`, `run_work_item`,
    `worker_loop`, without the standard library's plumbing between and below them (the
    `catch_unwind` layers, the thread's start). The frames keep their numbers, so `frame 10`
    still goes where `bt` says; `bt -no-filters` shows every frame."""

    _HIDDEN_PREFIXES = ("std::", "core::", "alloc::", "__rust_", "__libc_", "_start")
    _HIDDEN_NAMES = {"start_thread", "clone", "clone3", "main"}

    def __init__(self):
        self.name = "executor-story"
        self.priority = 100
        self.enabled = True

    def _shown(self, decorator):
        name = decorator.inferior_frame().name()  # the minimal symbol's name where no debug info
        if name is None:
            return True  # an address with no symbol: keep it, it may be user code
        return not (name.startswith(self._HIDDEN_PREFIXES) or name in self._HIDDEN_NAMES)

    def filter(self, frames):
        return (frame for frame in frames if self._shown(frame))


def _register(objfile):
    gdb.printing.register_pretty_printer(objfile, _build(), replace=True)
    story = StoryFrameFilter()
    (objfile.frame_filters if objfile is not None else gdb.frame_filters)[story.name] = story


_register(gdb.current_objfile())
