// The supervisor's sign-in, shared by the wallboard and the supervisor page (each has an empty
// <form id="sign-in" hidden> and a header with #status and #sign-out): through the wallboard's /wallboard/auth/sign-in
// (passed to the agent directory), or a pasted supervisor token; kept for the browser tab.
'use strict';

const WallboardAuth = (() => {
  const TOKEN_KEY = 'wallboard-token';
  const FORM = `<p>Sign in as a supervisor (agent directory account), or paste a supervisor token.</p>
    <label>Name <input name="name" autocomplete="username"></label>
    <label>Password <input name="password" type="password" autocomplete="current-password"></label>
    <label>or token <input name="token"></label>
    <button type="submit">Sign in</button>
    <p id="sign-in-error" role="alert"></p>`;
  const byId = (id) => document.getElementById(id);
  return {
    token: () => sessionStorage.getItem(TOKEN_KEY),
    forget: () => sessionStorage.removeItem(TOKEN_KEY),
    /** The supervisor's id: the token's subject. */
    subject() {
      const payload = (sessionStorage.getItem(TOKEN_KEY) || '').split('.')[1];
      if (!payload) return null;
      try {
        return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))).sub;
      } catch {
        return null;
      }
    },
    /** Shows the sign-in form (with why, if given) in place of the signed-in page. */
    showSignIn(message) {
      byId('sign-in').hidden = false;
      byId('sign-out').hidden = true;
      byId('status').textContent = 'signed out';
      byId('sign-in-error').textContent = message || '';
    },
    /** Hides the sign-in form: the page is signed in. */
    hideSignIn() {
      byId('sign-in').hidden = true;
      byId('sign-out').hidden = false;
    },
    /** The page's sign-in form signs in on submit, then {@code signedIn()}, or {@code refused(reason)}. */
    onSignIn(signedIn, refused) {
      const form = byId('sign-in');
      form.innerHTML = FORM;
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          await signIn(new FormData(form));
        } catch (e) {
          refused(e.message);
          return;
        }
        signedIn();
      });
    },
  };

  async function signIn(form) {
    let pasted = (form.get('token') || '').trim();
    if (!pasted) {
      const answer = await fetch('/wallboard/auth/sign-in', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: form.get('name'), password: form.get('password') }),
      });
      const body = await answer.json().catch(() => ({}));
      if (!answer.ok || !body.token) throw new Error(body.detail || 'Sign-in refused');
      pasted = body.token;
    }
    sessionStorage.setItem(TOKEN_KEY, pasted);
  }
})();
