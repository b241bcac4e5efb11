-- SPDX-License-Identifier: GPL-2.0-only
-- What every Lua test checks with (tests/lua/*.lua, run by kswapsim
-- --batch in tests/lua): local T = require "lib.testlib", then T.expect,
-- T.checkerror and T.take_file.

-- expect(got, want, what): the value, or an error at the caller's line
local function expect (got, want, what)
  if got ~= want then
    error(string.format("%s: got %s, want %s", what, tostring(got),
                        tostring(want)), 2)
  end
end

-- checkerror(msg, f, ...): f(...) raises an error matching msg, and the
-- simulation is still consistent afterwards (sim_check())
local function checkerror (msg, f, ...)
  local s, err = pcall(f, ...)
  if s or not string.find(err, msg) then
    error(string.format("expected error '%s', got %s", msg,
                        s and "success" or "'" .. tostring(err) .. "'"), 2)
  end
  check()
end

-- take_file(path): the whole text of a file the test had written (a
-- trace), which is removed
local function take_file (path)
  local f = assert(io.open(path))
  local text = f:read("a")
  f:close()
  os.remove(path)
  return text
end

return {expect = expect, checkerror = checkerror, take_file = take_file}
