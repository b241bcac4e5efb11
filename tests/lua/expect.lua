-- SPDX-License-Identifier: GPL-2.0-only
-- expect(), the claims a demo checks: silent and returning its first
-- argument when the claim holds, an error at the caller's line naming the
-- claim (and what was got and wanted) when it does not; misuse says how
-- to call it.

local T = require "lib.testlib"

reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}}}
local z = node(0).zones.DMA32

-- min_free_kbytes = int_sqrt(1048576 * 16) = 4096, min = 4096 / 4 pages
T.expect(expect(z.min, 1024, "min watermark"), 1024, "returns got")
T.expect(expect(z.free > z.high, "free above high"), true, "returns cond")
T.expect(expect(nil, nil, "nil is nil"), nil, "nil == nil")

local function fails (...)
  local ok, msg = pcall(expect, ...)
  T.expect(ok, false, "a false claim raises")
  return msg
end
T.expect(fails(z.min == 1000, "min is 1000"), "claim failed: min is 1000",
         "two arguments")
T.expect(fails(z.min, 1000, "min watermark"),
         "claim failed: min watermark: got 1024, want 1000", "three arguments")
T.expect(fails(nil, "something"), "claim failed: something", "nil is false")
T.expect(fails("1024", 1024, "types"),
         "claim failed: types: got 1024, want 1024", "a string is no number")

-- from a chunk, the error names the chunk's line, as error(msg, 1) would
local f = load("local a = 1\nexpect(a == 2, 'a is two')", "=demo.lua")
local ok, msg = pcall(f)
T.expect(ok, false, "the chunk fails")
T.expect(msg, "demo.lua:2: claim failed: a is two", "the demo's line")

T.checkerror("bad argument #2 to 'expect' %(claim %(string%) expected, got number%)",
             expect, true, 3)
T.checkerror("bad argument #3 to 'expect' %(claim %(string%) expected, got nil%)",
             expect, 1, 1, nil)
T.checkerror("bad argument #2 to 'expect' %(expect%(cond, claim%) or " ..
             "expect%(got, want, claim%)%)", expect, true)
T.checkerror("bad argument #4 to 'expect'", expect, 1, 1, "x", "y")
