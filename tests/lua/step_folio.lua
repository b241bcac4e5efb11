-- SPDX-License-Identifier: GPL-2.0-only
-- step("line") through mm/vmscan.c: shrink_folio_list(): each folio stops
-- at every decision the model takes on it, shown as the statement that
-- decides, never the stepping macro. 256 MiB of DMA32, min_free_kbytes
-- 4096 (min 1024, low 1280, high 1536); mapped anon up to 2000 pages above
-- low, then 2600 pages of clean page cache wake kswapd0. Its first batches
-- take the inactive file list (clean, unmapped: freed at once), then anon
-- (a swap slot, unmapped, written out by pageout() and kept under
-- writeback until the write ends).

local T = require "lib.testlib"
local expect = T.expect

reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, swap = "64M",
      sysctl = {min_free_kbytes = 4096}}
local z = node(0).zones.DMA32
alloc(z.free - z.low - 2000)
alloc(2600, {kind = "file"})
expect(node(0).kswapd.state, "running", "kswapd0 woken")

-- the statements the stops show, in the order shrink_folio_list() has them
local FOLIO = "nr_pages = (unsigned int)folio_nr_pages(sim, pfn);"
local WRITEBACK = "if (folio_test_writeback(sim, pfn)) {"
local VERDICT = "if (references == FOLIOREF_ACTIVATE)"
local SWAP = "if (folio_test_anon(sim, pfn) &&"
local UNMAP = "if (folio_mapped(sim, pfn) && !try_to_unmap(sim, pfn)) {"
local DIRTY = "if (folio_test_dirty(sim, pfn)) {"
local FLUSHER = "if (folio_is_file_lru(sim, pfn) &&"
local NO_IO = "if (references == FOLIOREF_RECLAIM_CLEAN ||"
local PAGEOUT = "switch (pageout(sim, pfn)) {"
local REMOVE = "if (!__remove_mapping(sim, pfn))"
local FREE = "nr_reclaimed += nr_pages;"
local KEEP = "folio_list_add(sim, &ret_folios, pfn);"

-- one list of stops per folio, each starting at the folio's first stop
local folios, cur = {}, nil
for _ = 1, 3000 do
  local at = step("line")
  if not at then break end
  if at.fn == "shrink_folio_list" then
    expect(at.granularity, at.text == FOLIO and "page" or "line",
           "granularity at " .. at.text)
    -- the stop is the statement after its macro, comments skipped
    assert(not at.text:find("STEP_", 1, true), at.text)
    local macro = source("vmscan.c", at.line - 1)
    if at.text == FOLIO then macro = source("vmscan.c", at.line - 2) end
    assert(macro:find("STEP_", 1, true), at.line .. ": " .. macro)
    expect(source("vmscan.c", at.line):match("^%s*(.*)$"), at.text,
           "the source line of the stop")
    if at.text == FOLIO then
      cur = {}
      folios[#folios + 1] = cur
    end
    if cur then cur[#cur + 1] = at.text end
  end
end
cont()

local function seen (want)
  local w = table.concat(want, "\n")
  for _, f in ipairs(folios) do
    if table.concat(f, "\n") == w then return true end
  end
  return false
end

-- clean page cache: no young PTE, nothing to write, freed (pgsteal)
assert(seen{FOLIO, WRITEBACK, VERDICT, SWAP, UNMAP, DIRTY, REMOVE, FREE},
       "a clean file folio freed")
-- anon: a swap slot (add_to_swap()), its PTE unmapped, written to swap
-- (dirty in the swap cache, pageout()), kept under writeback
assert(seen{FOLIO, WRITEBACK, VERDICT, SWAP, UNMAP, DIRTY, FLUSHER, NO_IO,
            PAGEOUT, KEEP},
       "an anon folio swapped out")

-- step("page") stops once a folio, never at a decision
reset{thp = false, slab = false, nodes = {{zones = {DMA32 = "256M"}}}, swap = "64M",
      sysctl = {min_free_kbytes = 4096}}
z = node(0).zones.DMA32
alloc(z.free - z.low + 100, {kind = "file"})
local pages = 0
for _ = 1, 200 do
  local at = step("page")
  if not at then break end
  if at.fn == "shrink_folio_list" then
    expect(at.text, FOLIO, "a page stop")
    pages = pages + 1
  end
end
cont()
assert(pages > 0, "page stops in shrink_folio_list")
