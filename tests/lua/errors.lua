-- SPDX-License-Identifier: GPL-2.0-only
-- Bad input raises an error that says what was expected, and leaves the
-- machine as it was: check() (sim_check()) passes after every error.

local checkerror = require("lib.testlib").checkerror

reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
local z = node(0).zones.DMA32
local r = alloc(1024)
-- pages nobody holds: free, or waiting on CPU 0's per-cpu list
local function unused() return z.free + z.free_pcp end
local free0 = unused()

-- {====== sizes
checkerror("bad argument #1 to 'alloc' %(size expected %(pages, or a string like \"16M\"%), got 'x'%)",
           alloc, "x")
checkerror("bad argument #1 to 'alloc' %(size expected %(pages, or a string like \"16M\"%), got table%)",
           alloc, {})
checkerror("bad argument #1 to 'alloc' %(size must not be negative, got %-5%)",
           alloc, -5)
checkerror("bad argument #1 to 'alloc' %(size must not be negative, got '%-1G'%)",
           alloc, "-1G")
checkerror("bad argument #1 to 'alloc' %(size must be a whole number of pages, got 1.5%)",
           alloc, 1.5)
checkerror("bad argument #1 to 'alloc' %(size must be positive, got 0%)",
           alloc, 0)
checkerror("bad argument #1 to 'alloc' %(size '1K' is not a whole number of 4K pages%)",
           alloc, "1K")
checkerror("bad argument #1 to 'alloc' %(size 100 is not a multiple of 2%^order = 8 pages%)",
           alloc, 100, {order = 3})
-- }======

-- {====== alloc options
checkerror("bad argument #2 to 'alloc' %(order must be 0..10 %(MAX_PAGE_ORDER%), got 11%)",
           alloc, 2048, {order = 11})
checkerror("unknown zone 'Foo' %(expected DMA, DMA32, Normal, Movable or Device%)",
           alloc, 1, {zone = "Foo"})
checkerror("unknown kind 'slab' %(expected anon, file or kernel%)",
           alloc, 1, {kind = "slab"})
checkerror("gfp: unknown gfp flags 'GFP_BOGUS'", alloc, 1, {gfp = "GFP_BOGUS"})
checkerror("bad argument #2 to 'alloc' %(node must be 0..0, got 3%)",
           alloc, 1, {node = 3})
checkerror("bad argument #2 to 'alloc' %(dirty: boolean expected, got number%)",
           alloc, 1, {dirty = 1})
checkerror("unknown key 'size' in alloc options %(expected order, node, zone, kind, gfp, dirty or mapped%)",
           alloc, 1, {size = 1})
-- }======

-- {====== an allocation the kernel would fail: warn_alloc()'s words
checkerror("size 524288 pages is larger than the machine", alloc, "2G")
local big = alloc(z.free - 2048)
checkerror("^page allocation failure: order:3, mode:0xcc0%(GFP_KERNEL%), nodemask=%(null%)$",
           alloc, 4096, {order = 3, gfp = "GFP_KERNEL"})
free(big)
assert(unused() == free0, "a failed allocation leaves nothing allocated")
-- }======

-- {====== free
checkerror("bad argument #1 to 'free' %(region expected, got number%)",
           free, 1)
checkerror("bad argument #1 to 'free' %(region expected, got zone%)",
           free, z)
checkerror("cannot assign zone.free: the fields of a zone are read%-only",
           function () z.free = 0 end)
assert(z ~= r and node(0) ~= z, "objects of different kinds differ")
free(r)
checkerror("bad argument #1 to 'free' %(region " .. r.id .. " is already freed%)",
           free, r)
checkerror("calling 'free' on bad self %(region " .. r.id .. " is already freed%)",
           function () r:free() end)
-- }======

-- {====== nodes and zones
checkerror("bad argument #1 to 'node' %(no node 1 %(the machine has node 0 only%)%)",
           node, 1)
checkerror("unknown zone 'Foo' %(expected DMA, DMA32, Normal, Movable or Device%)",
           function () return node(0).zones.Foo end)
checkerror("unknown zone 'HighMem'",
           function () return node(0).zones.HighMem end)
checkerror("zones%[7%]: zone name or index 0..4 expected",
           function () return node(0).zones[7] end)
checkerror("zone has no field 'bogus'", function () return z.bogus end)
checkerror("node has no field 'bogus'", function () return node(0).bogus end)
checkerror("bad argument #1 to 'watermark_ok' %(order must be 0..10 %(MAX_PAGE_ORDER%)%)",
           function () return z:watermark_ok(11, "low", 2) end)
checkerror("bad argument #2 to 'watermark_ok' %(unknown watermark 'lo' %(expected min, low, high or promo%)%)",
           function () return z:watermark_ok(0, "lo", 2) end)
checkerror("bad argument #2 to 'watermark_ok' %(watermark must not be negative%)",
           function () return z:watermark_ok(0, -1, 2) end)
checkerror("unknown zone 'Nromal'", function () return z:watermark_ok(0, "low", "Nromal") end)
checkerror("bad argument #3 to 'watermark_ok' %(zone index out of range",
           function () return z:watermark_ok(0, "low", 5) end)
checkerror("bad argument #4 to 'watermark_ok' %(unknown alloc flags 'ALLOC_HARDER'",
           function () return z:watermark_ok(0, "low", 1, "ALLOC_HARDER") end)
-- }======

-- {====== sysctl
checkerror("unknown sysctl 'min_free_kbyte' %(print%(sysctl%) lists them%)",
           function () return sysctl.min_free_kbyte end)
checkerror("unknown sysctl 'swapiness'",
           function () sysctl.swapiness = 10 end)
checkerror("sysctl.min_free_kbytes: integer expected, got string",
           function () sysctl.min_free_kbytes = "lots" end)
checkerror("sysctl.min_free_kbytes: integer expected, got 1.5",
           function () sysctl.min_free_kbytes = 1.5 end)
checkerror("min_free_kbytes: %-1 is out of range",
           function () sysctl.min_free_kbytes = -1 end)
checkerror("sysctl.lowmem_reserve_ratio: integers expected, got 'a b'",
           function () sysctl.lowmem_reserve_ratio = "a b" end)
checkerror("sysctl.lowmem_reserve_ratio: 5 values expected, got 6",
           function () sysctl.lowmem_reserve_ratio = {1, 2, 3, 4, 5, 6} end)
checkerror("sysctl.lowmem_reserve_ratio: 5 values expected, got 6",
           function () sysctl.lowmem_reserve_ratio = {[0] = 1, 2, 3, 4, 5, 6} end)
assert(sysctl.min_free_kbytes == 4096, "failed writes change nothing")
assert(tostring(sysctl.lowmem_reserve_ratio) == "(256, 256, 32, 0, 0)",
       "failed writes change nothing")
-- }======

-- {====== reset{}: a failed reset keeps the old machine
local r2 = alloc(512)
local function same_machine ()
  assert(node(0).zones.DMA32.managed == 262144, "machine replaced")
  assert(not r2.freed and r2.pages == 512, "region lost")
end
checkerror("unknown key 'zone' in reset{} %(expected nodes, swap, swap_rotational, seed, model, thp, slab, cpus, cpu_speed, first_touch_ns, sysctl, zoneinfo or watermarks%)",
           reset, {zone = {}})
checkerror("unknown zone 'Foo' %(expected DMA, DMA32, Normal, Movable or Device%)",
           reset, {nodes = {{zones = {Foo = "1G"}}}})
checkerror("node 0 zone Normal: size must not be negative, got %-1",
           reset, {nodes = {{zones = {Normal = -1}}}})
checkerror("unknown key 'size' in node 0 zone Normal",
           reset, {nodes = {{zones = {Normal = {size = 1}}}}})
checkerror("unknown key 'zone' in node 0 %(expected zones%)",
           reset, {nodes = {{zone = {}}}})
checkerror("nodes: 1 to 8 node tables expected, got 0", reset, {nodes = {}})
checkerror("reset: node 0 zone DMA: ends at pfn",
           reset, {nodes = {{zones = {DMA = "32M"}}}})
checkerror("reset: node 0 zone Normal: need managed <= present <= spanned",
           reset, {nodes = {{zones = {Normal = {managed = 10, present = 5}}}}})
checkerror("unknown model '5.4' %(expected \"6.12\" or \"6.x\"%)",
           reset, {model = "5.4"})
checkerror("cpus: 1 to 64 expected, got 0", reset, {cpus = 0})
checkerror("cpu_speed: 0.001 to 1000 expected, got 0", reset, {cpu_speed = 0})
checkerror("cpu_speed: 0.001 to 1000 expected, got fast", reset,
           {cpu_speed = "fast"})
checkerror("thp: boolean expected, got string", reset, {thp = "yes"})
checkerror("slab: boolean expected, got number", reset, {slab = 1})
checkerror("swap_rotational: boolean expected, got number", reset,
           {swap_rotational = 1})
checkerror("reset: give nodes or zoneinfo, not both",
           reset, {nodes = {{zones = {Normal = "1G"}}}, zoneinfo = "x"})
checkerror("cannot read zoneinfo file 'no/such/file': No such file or directory",
           reset, {zoneinfo = "no/such/file"})
-- start_pfn + spanned must not wrap past 2^64 (it once wrote near pfn 2^64)
checkerror("reset: node 0 zone Normal: start_pfn 18446744073709551000 %+ spanned 1000 ends beyond the simulator's limit, pfn 4294967294",
           reset, {nodes = {{zones = {Normal = {start_pfn = "18446744073709551000",
             spanned = 1000, present = 1000, managed = 1000}}}}})
-- only regular files of a sane size are read: /dev/zero never ends
checkerror("cannot read zoneinfo file '/dev/zero': not a regular file",
           reset, {zoneinfo = "/dev/zero"})
checkerror("cannot read zoneinfo file '.': not a regular file",
           reset, {zoneinfo = "."})
checkerror("sysctl: table expected, got number", reset, {sysctl = 5})
checkerror("unknown key 'min_free' in sysctl",
           reset, {sysctl = {min_free = 1}})
checkerror("reset: min_free_kbytes: %-5 is out of range",
           reset, {sysctl = {min_free_kbytes = -5}})
local bad = os.tmpname()
local f = assert(io.open(bad, "w"))
f:write("Node 0, zone      DMA\n  pages free     3840\n        min      x\n")
f:close()
checkerror(bad .. ": line 3: number expected after 'min', got 'x'",
           reset, {zoneinfo = bad})
os.remove(bad)
-- sys/vm/ beside a zoneinfo holds what a kernel shows; the
-- lowmem_reserve_ratio handler stores no value below 0 or past INT_MAX,
-- so a file with one is refused like a bad min_free_kbytes (it was once
-- ignored in silence)
local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. dir .. "/sys/vm"))
local function put (name, text)
  local fh = assert(io.open(dir .. "/" .. name, "w"))
  fh:write(text)
  fh:close()
end
local src = assert(io.open("../fixtures/proc-wsf200/zoneinfo"))
put("zoneinfo", src:read("a"))
src:close()
for _, v in ipairs {"256\t128\t-1\t0\t0\n", "256 128 32 0 2147483648\n"} do
  put("sys/vm/lowmem_reserve_ratio", v)
  checkerror(dir .. "/sys/vm/lowmem_reserve_ratio: "
             .. (v:match("%-1") and "%-1" or "2147483648")
             .. " is out of range 0%.%.2147483647 %(no kernel shows it%)",
             reset, {zoneinfo = dir .. "/zoneinfo"})
  same_machine()
end
put("sys/vm/lowmem_reserve_ratio", "256 128 x 0 0\n")
checkerror(dir .. "/sys/vm/lowmem_reserve_ratio: integers expected, got '256 128 x 0 0'",
           reset, {zoneinfo = dir .. "/zoneinfo"})
put("sys/vm/lowmem_reserve_ratio", "256 128 32 0 0\n")
put("sys/vm/min_free_kbytes", "-5\n")
checkerror(dir .. "/sys/vm/min_free_kbytes: %-5 is out of range",
           reset, {zoneinfo = dir .. "/zoneinfo"})
same_machine()
os.execute("rm -r " .. dir)
same_machine()
-- }======

-- {====== objects of a previous machine
local n = node(0)
reset{thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
checkerror("zone DMA32 of node 0 belongs to a previous machine %(reset{} since%)",
           function () return z.free end)
checkerror("node 0 belongs to a previous machine %(reset{} since%)",
           function () return n.zones end)
checkerror("bad argument #1 to 'free' %(region " .. r2.id
           .. " belongs to a previous machine %(reset{} since%)%)", free, r2)
assert(tostring(r2) == "region " .. r2.id .. " (previous machine)")
checkerror("bad argument #1 to 'touch' %(region " .. r2.id
           .. " belongs to a previous machine", touch, r2)
checkerror("node 0 belongs to a previous machine",
           function () wake_kswapd(n, 0, 2) end)
-- }======
