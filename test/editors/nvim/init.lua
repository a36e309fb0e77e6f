-- Neovim as a real LSP client of pyconv, run headless by test/editors/nvim/run.mjs:
--   PYCONV_SERVER=dist/server.js PYCONV_RESULT=out.json nvim --headless -u init.lua example.py
-- It starts the server over stdio, waits for diagnostics, applies the "Convert to `X | None`" code action,
-- asks for the docstring completion after typing `"""` in a def body, runs "pyconv: Check Workspace" and
-- reads the findings of a file it never opened, and writes what it saw as JSON.
-- Works on Debian's 0.7.2 (vim.lsp.start_client + buf_attach_client) and on 0.8+ (vim.lsp.start).

-- Providers first: probing for them (python3 above all) costs about a second per start.
vim.g.loaded_python3_provider = 0
vim.g.loaded_python_provider = 0
vim.g.loaded_node_provider = 0
vim.g.loaded_perl_provider = 0
vim.g.loaded_ruby_provider = 0
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'

local server = assert(os.getenv('PYCONV_SERVER'), 'PYCONV_SERVER is not set')
local result_path = assert(os.getenv('PYCONV_RESULT'), 'PYCONV_RESULT is not set')
local timeout_ms = tonumber(os.getenv('PYCONV_TIMEOUT_MS') or '15000')
local offset_encoding = 'utf-16'

local result = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch, steps = {} }

local function elapsed_ms(since)
  return math.floor((vim.loop.hrtime() - since) / 1e6)
end

local function write_result()
  local file = assert(io.open(result_path, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

-- The raw LSP diagnostics as the server sent them (vim.diagnostic keeps a converted copy), so a code
-- action request can pass them back with their `data` intact.
local raw_diagnostics = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  if params and params.uri then
    raw_diagnostics[params.uri] = params.diagnostics
  end
  return publish(err, params, ctx, config)
end

-- Work-done progress messages (`$/progress`) as the server sent them: Check Workspace reports file counts.
local progress_messages = {}
local progress = vim.lsp.handlers['$/progress']
vim.lsp.handlers['$/progress'] = function(err, params, ctx, config)
  if params and params.value and params.value.message then
    table.insert(progress_messages, params.value.message)
  end
  if progress then
    return progress(err, params, ctx, config)
  end
end

local function start_client(buf)
  local config = {
    name = 'pyconv',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.getcwd(),
    settings = { pyconv = {} },
    flags = { debounce_text_changes = 0 },
  }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = buf })
  end
  local id = vim.lsp.start_client(config)
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
  return id
end

--- One request, synchronously; returns the first client's result or raises with the server's error.
local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, timeout_ms)
  if not responses then
    error(method .. ': no response (' .. tostring(err) .. ')')
  end
  for _, response in pairs(responses) do
    if response.err then
      error(method .. ': ' .. vim.inspect(response.err))
    end
    return response.result
  end
  error(method .. ': no client answered')
end

local function find_line(buf, pattern)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find(pattern) then
      return index - 1
    end
  end
  error('no line matches ' .. pattern)
end

local function step_diagnostics(buf, started)
  local arrived = vim.wait(timeout_ms, function()
    return #vim.diagnostic.get(buf) > 0
  end, 5)
  if not arrived then
    error('no diagnostics within ' .. timeout_ms .. ' ms')
  end
  result.open_to_first_diagnostics_ms = elapsed_ms(started)
  -- The first publish may come before every rule has run; let a following one settle.
  vim.wait(300, function()
    return false
  end)
  result.diagnostics = {}
  for _, d in ipairs(raw_diagnostics[vim.uri_from_bufnr(buf)] or {}) do
    table.insert(result.diagnostics, {
      code = d.code,
      source = d.source,
      message = d.message,
      range = d.range,
      severity = d.severity,
      href = d.codeDescription and d.codeDescription.href or vim.NIL,
    })
  end
end

local function step_code_action(buf)
  local uri = vim.uri_from_bufnr(buf)
  local target
  for _, d in ipairs(raw_diagnostics[uri] or {}) do
    if d.code == 'UP045' then
      target = d
    end
  end
  if not target then
    error('no UP045 diagnostic to ask a code action for')
  end
  local actions = request(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = target.range,
    context = { diagnostics = { target }, only = { 'quickfix' } },
  }) or {}
  result.code_action_titles = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(result.code_action_titles, action.title)
    if not chosen and action.title:find('X | None', 1, true) then
      chosen = action
    end
  end
  if not chosen then
    error('no "Convert to `X | None`" among the code actions')
  end
  if not chosen.edit and not chosen.command then
    chosen = request(buf, 'codeAction/resolve', chosen)
  end
  if chosen.edit then
    vim.lsp.util.apply_workspace_edit(chosen.edit, offset_encoding)
  end
  if chosen.command then
    local command = type(chosen.command) == 'table' and chosen.command or chosen
    request(buf, 'workspace/executeCommand', { command = command.command, arguments = command.arguments })
  end
  -- The fix may also remove the now unused import above, so find the def again.
  local def_line = find_line(buf, '^def F%(')
  result.line_after_fix = vim.api.nvim_buf_get_lines(buf, def_line, def_line + 1, false)[1]
  result.text_after_fix = buffer_text(buf)
end

local function step_fix_all(buf)
  local uri = vim.uri_from_bufnr(buf)
  local last = vim.api.nvim_buf_line_count(buf)
  local actions = request(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll.pyconv' } },
  }) or {}
  result.fix_all_titles = {}
  for _, action in ipairs(actions) do
    table.insert(result.fix_all_titles, action.title .. ' [' .. tostring(action.kind) .. ']')
  end
end

local function step_docstring_completion(buf)
  local def_line = find_line(buf, '^def shipping_cost')
  local typed = '    """'
  vim.api.nvim_buf_set_lines(buf, def_line + 1, def_line + 1, false, { typed })
  local line = def_line + 1
  local position = { line = line, character = #typed }
  local completion = request(buf, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = position,
    context = { triggerKind = 2, triggerCharacter = '"' },
  })
  local items = completion and (completion.items or completion) or {}
  result.completion_labels = {}
  for _, item in ipairs(items) do
    table.insert(result.completion_labels, item.label)
  end
  local item = items[1]
  if not item then
    error('no completion item after typing """ in a def body')
  end
  result.completion_item = item
  local edit = item.textEdit
  local new_text = edit and edit.newText or item.insertText or item.label
  if item.insertTextFormat == 2 then
    new_text = vim.lsp.util.parse_snippet(new_text)
  end
  local range = edit and (edit.range or edit.replace)
    or { start = { line = line, character = 4 }, ['end'] = position }
  vim.lsp.util.apply_text_edits({ { range = range, newText = new_text } }, buf, offset_encoding)
end

-- "pyconv: Check Workspace" (`workspace/executeCommand`) and the findings of a file never opened.
local function step_check_workspace(buf)
  local target = vim.uri_from_fname(vim.fn.getcwd() .. '/never_opened.py')
  request(buf, 'workspace/executeCommand', { command = 'pyconv.checkWorkspace', arguments = {} })
  local arrived = vim.wait(timeout_ms, function()
    return raw_diagnostics[target] ~= nil
  end, 10)
  if not arrived then
    error('no diagnostics for never_opened.py within ' .. timeout_ms .. ' ms')
  end
  result.workspace_diagnostics = {}
  for _, d in ipairs(raw_diagnostics[target]) do
    table.insert(result.workspace_diagnostics, { code = d.code, range = d.range })
  end
  result.workspace_progress = progress_messages
end

local function run(name, body)
  local started = vim.loop.hrtime()
  local ok, err = pcall(body)
  table.insert(result.steps, { name = name, ok = ok, error = ok and vim.NIL or tostring(err), ms = elapsed_ms(started) })
  return ok
end

local function main()
  local buf = vim.api.nvim_get_current_buf()
  if vim.bo[buf].filetype ~= 'python' then
    vim.bo[buf].filetype = 'python'
  end
  local started = vim.loop.hrtime()
  local attached = run('start', function()
    if not start_client(buf) then
      error('the client did not start')
    end
  end)
  if attached and run('diagnostics', function()
    step_diagnostics(buf, started)
  end) then
    -- Fix-all is only asked for (not applied) while the quick fix's UP045 is still there to fix.
    run('fix all', function()
      step_fix_all(buf)
    end)
    run('code action', function()
      step_code_action(buf)
    end)
  end
  if attached then
    run('docstring completion', function()
      step_docstring_completion(buf)
    end)
  end
  if attached then
    run('check workspace', function()
      step_check_workspace(buf)
    end)
  end
  result.text = buffer_text(buf)
  result.total_ms = elapsed_ms(started)
  write_result()
  vim.lsp.stop_client(vim.lsp.get_active_clients())
  vim.wait(500, function()
    return #vim.lsp.get_active_clients() == 0
  end, 10)
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = pcall(main)
      if not ok then
        result.fatal = tostring(err)
        pcall(write_result)
        vim.cmd('cquit! 3')
      end
    end)
  end,
})
