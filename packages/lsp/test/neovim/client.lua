-- A headless Neovim 0.7 session as an LSP client of archc: starts the server with
-- vim.lsp.start_client, opens a file, waits for its diagnostics, asks for hover and definition
-- at the given positions, and writes everything it read back as JSON. Driven by
-- packages/lsp/test/neovim.test.ts through environment variables.

local out = os.getenv("ARCHC_OUT")
local result = { published = {}, diagnostics = {}, probes = {}, errors = {} }

local function finish(code)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd((code == 0) and "qall!" or "cquit! " .. code)
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode(os.getenv("ARCHC_SERVER_CMD"))
  local root = os.getenv("ARCHC_ROOT")
  local file = os.getenv("ARCHC_FILE")
  local probes = vim.fn.json_decode(os.getenv("ARCHC_PROBES"))
  local target_uri = vim.uri_from_fname(file)

  -- Record every publication for the file, even an empty one, before Neovim converts it.
  local default_handler = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(e, params, ctx, config)
    if params and params.uri == target_uri then table.insert(result.published, params) end
    return default_handler(e, params, ctx, config)
  end

  local client_id = vim.lsp.start_client({
    name = "archc",
    cmd = cmd,
    root_dir = root,
    init_options = { debounceMs = 10 },
    on_error = function(code) table.insert(result.errors, "rpc error " .. tostring(code)) end,
  })
  if not client_id then error("vim.lsp.start_client returned nil") end

  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  if not vim.wait(30000, function() return #result.published > 0 end, 20) then
    error("no diagnostics were published for " .. file)
  end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, code = d.code,
    })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  for _, p in ipairs(probes) do
    local params = { textDocument = { uri = target_uri }, position = { line = p.line, character = p.character } }
    local response, request_err = client.request_sync(p.method, params, 20000, bufnr)
    if not response then error(p.method .. " failed: " .. tostring(request_err)) end
    if response.err then error(p.method .. " returned an error: " .. vim.inspect(response.err)) end
    table.insert(result.probes, { method = p.method, result = response.result or vim.NIL })
  end

  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 20)
end)

if not ok then
  table.insert(result.errors, tostring(err))
  finish(1)
else
  finish(0)
end
