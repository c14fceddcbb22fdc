// The supervisor's sign-in, shared by the wallboard and the supervisor page: through the wallboard's
// /wallboard/auth/sign-in (passed to the agent directory), or a pasted supervisor token; kept for the browser tab.
'use strict';

const WallboardAuth = (() => {
  const TOKEN_KEY = 'wallboard-token';
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
    /** The sign-in form signs in on submit, then {@code signedIn()}, or {@code refused(reason)}. */
    onSignIn(form, signedIn, refused) {
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
