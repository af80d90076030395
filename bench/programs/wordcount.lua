-- wordcount: word counting with a table (twin of wordcount.mgo)
local seed = 42

-- next returns 15 pseudo-random bits (the classic ANSI C rand LCG).
local function next()
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed >> 16
end

local vocabSize = 5000
local textWords = 1000000

local vocab = {}
for i = 1, vocabSize do
  local length = 2 + next() % 9
  local w = {}
  for j = 1, length do
    w[j] = string.char(97 + next() % 26)
  end
  vocab[i] = table.concat(w)
end

local parts = {}
for i = 0, textWords - 1 do
  if i > 0 then
    if i % 12 == 0 then
      parts[#parts + 1] = "\n"
    else
      parts[#parts + 1] = " "
    end
  end
  -- Two draws skew the distribution towards the start of the vocabulary.
  local x = next() % vocabSize
  local y = next() % vocabSize
  if y < x then x = y end
  parts[#parts + 1] = vocab[x + 1]
end
local text = table.concat(parts)

local counts = {}
local nwords = 0
for w in string.gmatch(text, "%S+") do
  nwords = nwords + 1
  counts[w] = (counts[w] or 0) + 1
end

local keys = {}
for k in pairs(counts) do
  keys[#keys + 1] = k
end
table.sort(keys, function(a, b)
  local ca, cb = counts[a], counts[b]
  if ca ~= cb then return ca > cb end
  return a < b
end)

print("words " .. nwords .. " bytes " .. #text)
print("distinct " .. #keys)
for i = 1, 3 do
  print(keys[i] .. " " .. counts[keys[i]])
end
