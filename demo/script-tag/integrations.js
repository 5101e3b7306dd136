// Gives <tray-integrations> the signed-in user's Tray token and one-time auth
// codes, both from your backend (tray-integrations/server at /api/tray). Your
// session cookie says who the user is; no token is ever in a URL.
{
  const widget = document.querySelector('tray-integrations');
  const post = async (path) => {
    const response = await fetch(path, { method: 'POST', credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
    return response.json();
  };
  widget.fetchToken = async () => (await post('/api/tray/session')).token;
  widget.fetchAuthCode = async () => (await post('/api/tray/auth-code')).code;
}
