-- binarytrees: Benchmarks Game binary-trees, depth 16 (twin of binarytrees.mgo).
-- A node is a table { left, right }; a leaf has no children.
local function bottomUpTree(depth)
  if depth <= 0 then
    return {}
  end
  depth = depth - 1
  return { bottomUpTree(depth), bottomUpTree(depth) }
end

local function check(tree)
  local left = tree[1]
  if left == nil then
    return 1
  end
  return 1 + check(left) + check(tree[2])
end

local n = 16
local minDepth = 4
local maxDepth = n
if minDepth + 2 > n then
  maxDepth = minDepth + 2
end

local stretchDepth = maxDepth + 1
io.write(string.format("stretch tree of depth %d\t check: %d\n",
  stretchDepth, check(bottomUpTree(stretchDepth))))

local longLived = bottomUpTree(maxDepth)

for depth = minDepth, maxDepth, 2 do
  local iterations = 1 << (maxDepth - depth + minDepth)
  local c = 0
  for _ = 1, iterations do
    c = c + check(bottomUpTree(depth))
  end
  io.write(string.format("%d\t trees of depth %d\t check: %d\n", iterations, depth, c))
end
io.write(string.format("long lived tree of depth %d\t check: %d\n", maxDepth, check(longLived)))
