-- A zone high in the physical address space: the frames reach from pfn 0
-- to its end, 64 GiB of arrays for 4 MiB of memory; the sandbox once let
-- it through and the fuzzer spent its time (and past its malloc limit)
-- booting it. Now the sandbox boots its small machine instead.
reset{nodes = {{zones = {Normal = {start_pfn = 4000000000, spanned = 1024,
                                   present = 1024, managed = 1024}}}}}
reset{nodes = {{zones = {Normal = {start_pfn = "15T", spanned = "4M",
                                   present = "4M", managed = "4M"}}}}}
