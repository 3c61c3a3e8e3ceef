-- A random page of the province's list, pages 1 … 200 (offsets 0 … 9,950): jumps as well as paging on,
-- so page starts are mostly not yet known (they are forgotten 5 s after the full read they come from).
math.randomseed(7)
request = function()
  return wrk.format("GET", string.format("/api/patches?batch=2024M05&limit=50&offset=%d", 50 * math.random(0, 199)))
end
